import { EXAMPLE_TIME, exampleId, sqlExamples } from '@seg/db';
import { CalendarFeedRepository } from './calendar-feed.repository';

export default sqlExamples(CalendarFeedRepository, {
  get: () => [exampleId(1)],
  put: (tx) => [tx, exampleId(1), 'seed', 'hash'],
  memberByTokenHash: () => ['hash'],
  meetingsOf: () => [exampleId(1), EXAMPLE_TIME],
});
