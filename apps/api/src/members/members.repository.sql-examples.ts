import { EXAMPLE_DAY, exampleId, members, sqlExamples, sqlVariants } from '@seg/db';
import { MembersRepository } from './members.repository';

export default sqlExamples(MembersRepository, {
  getById: () => [exampleId(1)],
  lockById: (tx) => [tx, exampleId(1)],
  lockActiveAdmins: (tx) => [tx],
  getByEmail: () => ['ada@example.org'],
  insert: (tx) => [tx, { email: 'ada@example.org', name: 'Ada Lovelace' }],
  confirmDetails: (tx) => [tx, exampleId(1)],
  update: sqlVariants({
    'a new address': (tx) => [tx, exampleId(1), { email: 'ada@example.org', name: 'Ada Lovelace' }],
    'the same address': (tx) => [tx, exampleId(1), { name: 'Ada Lovelace' }],
  }),
  establishmentIds: () => [exampleId(1)],
  setEstablishments: (tx) => [tx, exampleId(1), [exampleId(2), exampleId(3)]],
  // A member to load: without one it stops after the first statement.
  loadRecord: async (tx) => {
    await tx.insert(members).values({ id: exampleId(1), email: 'ada@example.org', name: 'Ada Lovelace' });
    return [exampleId(1), tx];
  },
  erasureMentions: () => [exampleId(1)],
  establishmentsOf: () => [[exampleId(1), exampleId(2)]],
  postsOf: () => [exampleId(1)],
  currentPosts: () => [EXAMPLE_DAY],
  allEstablishments: () => [],
  listForExport: () => [],
});
