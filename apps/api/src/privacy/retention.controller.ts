import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { ApiErrors } from '@seg/http';
import { Retention } from '@seg/privacy';
import { RetentionReportView, retentionReportView } from './retention-report.dto';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy')
@Secretariat()
@ApiErrors(401, 403)
export class RetentionController {
  constructor(private readonly retention: Retention) {}

  /** The retention rules the worker applies every night: each one's period and what it removed on its last run. */
  @Get('retention')
  @ApiOkResponse({ type: RetentionReportView })
  async report(): Promise<RetentionReportView> {
    return retentionReportView(await this.retention.report());
  }
}
