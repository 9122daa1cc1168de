import { exampleId, noSql, sqlExamples } from '@seg/db';
import { InboundRepository } from './inbound.repository';

export default sqlExamples(InboundRepository, {
  transaction: noSql('opens a transaction for the methods that take one'),
  findInvitation: () => [exampleId(1), 'ada@example.org'],
  findHandled: () => ['<message@example.org>'],
  claim: (tx) => [
    tx,
    { messageId: '<message@example.org>', outcome: 'bounce', noticeId: exampleId(3), detail: { status: '5.1.1' } },
  ],
  meetingExists: () => [exampleId(1)],
  getReplyInvitation: () => [exampleId(2)],
  setCounterProposal: (tx) => [
    tx,
    exampleId(2),
    {
      startsAt: '2026-06-11T09:00:00.000Z',
      endsAt: '2026-06-11T10:00:00.000Z',
      comment: null,
      receivedAt: '2026-06-10T09:00:00.000Z',
    },
  ],
  getNotice: () => [exampleId(3)],
  markNoticeBounced: (tx) => [tx, exampleId(3), '550 5.1.1 No such user'],
  markMemberBouncing: (tx) => [tx, exampleId(4), 'ada@example.org', '550 5.1.1 No such user'],
});
