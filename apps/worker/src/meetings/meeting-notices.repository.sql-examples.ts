import { exampleId, sqlExamples } from '@seg/db';
import { MeetingNoticesRepository } from './meeting-notices.repository';

export default sqlExamples(MeetingNoticesRepository, {
  getMeeting: () => [exampleId(1)],
  listScheduledToStart: () => [],
  lockStatus: (tx) => [tx, exampleId(1)],
});
