import { EXAMPLE_DAY, exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { DemoRepository } from './demo.repository';

export default sqlExamples(DemoRepository, {
  lockSeeding: (tx) => [tx],
  countMembersBesides: sqlVariants({
    'besides the admin': () => ['admin@example.org'],
    'without an admin': () => [null],
  }),
  codes: (tx) => [tx],
  insertEstablishment: (tx) => [tx, { name: 'HMP Example', regionId: exampleId(1), typeCode: 'prison' }],
  insertMember: (tx) => [tx, { email: 'ada@example.org', name: 'Ada Lovelace' }],
  insertMemberEstablishments: (tx) => [tx, [{ memberId: exampleId(1), establishmentId: exampleId(2) }]],
  insertPost: (tx) => [tx, { memberId: exampleId(1), regionId: exampleId(2), role: 'Lead', startsOn: EXAMPLE_DAY }],
  passwordHashes: () => [['ada@example.org', 'grace@example.org']],
});
