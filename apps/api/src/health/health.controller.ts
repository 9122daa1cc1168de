import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@seg/auth';
import { HealthReport } from './health-report.dto';
import { HealthService } from './health.service';
import { Stopping } from './stopping';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly stopping: Stopping,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** 200 when PostgreSQL and Redis answer; 503 naming what is down, or saying the API is stopping. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthReport })
  @ApiServiceUnavailableResponse({
    type: HealthReport,
    description: 'PostgreSQL or Redis does not answer, or the API is stopping (SIGTERM)',
  })
  async check(@Res({ passthrough: true }) res: unknown): Promise<HealthReport> {
    const checked = await this.health.check();
    const report: HealthReport = this.stopping.isStopping
      ? { ...checked, status: 'stopping', message: 'the API is stopping' }
      : checked;
    if (report.status !== 'ok') this.adapterHost.httpAdapter.status(res, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
