import { EXAMPLE_DAY, EXAMPLE_TIME, exampleId, sqlExamples } from '@seg/db';
import { NoticesRepository } from './notices.repository';

export default sqlExamples(NoticesRepository, {
  getToSend: () => [exampleId(1), EXAMPLE_DAY],
  getManyToSend: () => [[exampleId(1), exampleId(2)], EXAMPLE_DAY],
  markSent: () => [
    [
      { id: exampleId(1), messageId: '<one@example.org>' },
      { id: exampleId(2), messageId: '<two@example.org>' },
    ],
  ],
  markFailed: () => [exampleId(1), '550 5.1.1 No such user'],
  markSuppressed: () => [exampleId(1), 'bouncing'],
  recordAttempt: () => [exampleId(1), '421 4.7.0 Try again later'],
  recordHeldBack: () => [exampleId(1), '421 4.7.28 Rate limited'],
  holdUntil: () => [exampleId(1), EXAMPLE_TIME],
  listStaleQueued: () => [60_000, 100, EXAMPLE_TIME],
});
