import { exampleId, sqlExamples } from '@seg/db';
import { InvitationRepliesRepository } from './invitation-replies.repository';

export default sqlExamples(InvitationRepliesRepository, {
  lock: (tx) => [tx, exampleId(1)],
  setReply: (tx) => [tx, exampleId(1), { rsvp: 'accepted', source: 'calendar', revision: 2 }],
});
