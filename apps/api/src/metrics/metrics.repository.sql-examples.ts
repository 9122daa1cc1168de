import { sqlExamples } from '@seg/db';
import { MetricsRepository } from './metrics.repository';

export default sqlExamples(MetricsRepository, {
  noticesByStatus: () => [],
  oldestQueuedNoticeAt: () => [],
  inboundByOutcome: () => [],
  lastRetentionRunAt: () => [],
});
