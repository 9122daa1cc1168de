import { exampleId, sqlExamples } from '@seg/db';
import { MemberMessagesRepository } from './member-messages.repository';

export default sqlExamples(MemberMessagesRepository, {
  senderOf: () => [exampleId(1)],
});
