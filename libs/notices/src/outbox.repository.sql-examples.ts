import { EXAMPLE_TIME, exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { OutboxRepository } from './outbox.repository';

export default sqlExamples(OutboxRepository, {
  insertForMembers: (tx) => [
    tx,
    [
      { kind: 'password-reset', memberId: exampleId(1), toEmail: 'ada@example.org', payload: { token: 'token' } },
      { kind: 'confirm-details', memberId: exampleId(2), toEmail: 'grace@example.org' },
    ],
  ],
  insertForInvitees: (tx) => [
    tx,
    'meeting-update',
    exampleId(3),
    2,
    ['needs-action', 'accepted'],
    { changed: ['startsAt'] },
  ],
  requeueFailedOfMeeting: sqlVariants({
    'all of them': (tx) => [tx, exampleId(3), null],
    'those named': (tx) => [tx, exampleId(3), [exampleId(4), exampleId(5)]],
  }),
  holdUntil: () => [[{ id: exampleId(4), notBefore: EXAMPLE_TIME }]],
  kindsOf: () => [[exampleId(4), exampleId(5)]],
  listOfInvitations: () => [[exampleId(6), exampleId(7)]],
  queuedTimesOfMeeting: () => [exampleId(3)],
  countDue: () => [EXAMPLE_TIME],
  countByStatusOfMeeting: () => [exampleId(3)],
});
