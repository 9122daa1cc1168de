import {
  Controller,
  Get,
  Headers,
  Inject,
  NotFoundException,
  ServiceUnavailableException,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@seg/auth';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { ApiError } from '@seg/http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { prometheusContentType } from 'prom-client';
import { MetricsSourceDown, OperationsMetrics } from './operations-metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: OperationsMetrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.token = config.metricsToken ? digest(config.metricsToken) : null;
  }

  /**
   * What an operator watches, in Prometheus text format: requests by route and status with their
   * durations, notices by state, the queues, the oldest queued notice, inbound mail, the last
   * mailbox read, backup and retention run. Asks for `Authorization: Bearer <METRICS_TOKEN>`;
   * without METRICS_TOKEN there is no such page (404).
   */
  @Public()
  @Get()
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiError(401, 'No bearer token, or not METRICS_TOKEN')
  @ApiError(404, 'METRICS_TOKEN is not set: metrics are off')
  @ApiError(503, 'The database or Redis did not answer')
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: unknown,
  ): Promise<string> {
    if (!this.token) throw new NotFoundException();
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    // Compared as digests: equal lengths, and no timing clue to the token.
    if (!given || !timingSafeEqual(digest(given), this.token))
      throw new UnauthorizedException('A metrics token is needed');
    try {
      const text = await this.metrics.render();
      // Only on success: an error answer stays JSON. Through the adapter, whichever it is.
      this.adapterHost.httpAdapter.setHeader(res, 'Content-Type', prometheusContentType);
      return text;
    } catch (error) {
      if (error instanceof MetricsSourceDown) throw new ServiceUnavailableException(`Metrics: ${error.message}`);
      throw error;
    }
  }
}
