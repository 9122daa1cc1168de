import { exampleId, sqlExamples } from '@seg/db';
import { NoticeChoicesRepository } from './notice-choices.repository';

export default sqlExamples(NoticeChoicesRepository, {
  get: () => [exampleId(1)],
  lock: (tx) => [tx, exampleId(1)],
  setChoices: (tx) => [tx, exampleId(1), { noticesOff: ['regional-meetings', 'reminders'], acceptsMessages: false }],
});
