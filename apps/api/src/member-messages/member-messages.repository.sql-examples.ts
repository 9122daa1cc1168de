import { EXAMPLE_TIME, exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { MemberMessagesRepository } from './member-messages.repository';

export default sqlExamples(MemberMessagesRepository, {
  recipient: () => [exampleId(2)],
  lockSender: (tx) => [tx, exampleId(1)],
  sentSince: () => [exampleId(1), EXAMPLE_TIME],
  insert: (tx) => [tx, { senderId: exampleId(1), recipientId: exampleId(2), sentAt: EXAMPLE_TIME }],
  setNotice: (tx) => [tx, exampleId(3), exampleId(4)],
  forReport: () => [exampleId(3)],
  markReported: (tx) => [tx, exampleId(3), EXAMPLE_TIME, 'Unwanted'],
  reported: sqlVariants({
    'first page': () => [51, null],
    'after a report': () => [51, [EXAMPLE_TIME.toISOString(), exampleId(3)]],
  }),
});
