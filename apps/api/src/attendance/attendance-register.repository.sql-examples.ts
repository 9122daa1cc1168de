import { EXAMPLE_TIME, exampleId, meetings, sqlExamples, sqlVariants } from '@seg/db';
import { AttendanceRegisterRepository } from './attendance-register.repository';

export default sqlExamples(AttendanceRegisterRepository, {
  attendee: (tx) => [tx, exampleId(1)],
  existingMembers: (tx) => [tx, [exampleId(1), exampleId(2)]],
  goingIds: (tx) => [tx, exampleId(1)],
  find: (tx) => [tx, exampleId(1), exampleId(2)],
  ofMembers: (tx) => [tx, exampleId(1), [exampleId(2), exampleId(3)]],
  insert: (tx) => [tx, exampleId(1), [exampleId(2), exampleId(3)], 'organiser', EXAMPLE_TIME],
  restore: (tx) => [tx, [exampleId(1)], 'organiser', EXAMPLE_TIME],
  withdraw: (tx) => [tx, exampleId(1), EXAMPLE_TIME],
  // A meeting to give a code to: the method reads the row it updates.
  checkInCode: async (tx) => {
    await tx.insert(meetings).values({
      id: exampleId(1),
      title: 'Regional meeting',
      kind: 'regional',
      startsAt: EXAMPLE_TIME,
      endsAt: new Date(EXAMPLE_TIME.getTime() + 3_600_000),
    });
    return [exampleId(1), 'K7Q2'];
  },
  lines: sqlVariants({
    'first page': () => [exampleId(1), 50, null],
    'after a line, of one member': () => [exampleId(1), 50, { name: 'Ada Lovelace', id: exampleId(2) }, exampleId(2)],
  }),
  counts: () => [exampleId(1)],
});
