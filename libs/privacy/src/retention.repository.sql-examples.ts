import { EXAMPLE_TIME, sqlExamples } from '@seg/db';
import { RetentionRepository } from './retention.repository';

export default sqlExamples(RetentionRepository, {
  leftBy: () => [EXAMPLE_TIME],
  stripNoticesBy: (tx) => [tx, EXAMPLE_TIME],
  deleteMemberMessagesSentBy: (tx) => [tx, EXAMPLE_TIME],
  deleteSessionsEndedBy: (tx) => [tx, EXAMPLE_TIME],
  deleteSpentTokens: (tx) => [tx, EXAMPLE_TIME],
  deleteAttendanceOfMeetingsEndedBy: (tx) => [tx, EXAMPLE_TIME],
  recordRun: (tx) => [tx, 'notices', EXAMPLE_TIME, 3],
  lastRuns: () => [],
});
