import { exampleId, sqlExamples } from '@seg/db';
import { NoticeChoicesRepository } from './notice-choices.repository';

export default sqlExamples(NoticeChoicesRepository, {
  get: () => [exampleId(1)],
  lock: (tx) => [tx, exampleId(1)],
  setNoticesOff: (tx) => [tx, exampleId(1), ['regional-meetings', 'reminders']],
});
