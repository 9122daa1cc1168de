import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { OperationsMetrics } from './operations-metrics';

/** GET /metrics for Prometheus, and the timing of every HTTP request. */
@Module({
  imports: [DiscoveryModule],
  controllers: [MetricsController],
  providers: [MetricsRepository, OperationsMetrics, HttpMetrics],
})
export class MetricsModule {}
