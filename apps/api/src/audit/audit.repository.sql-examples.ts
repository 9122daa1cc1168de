import { exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { AuditRepository } from './audit.repository';

export default sqlExamples(AuditRepository, {
  list: sqlVariants({
    'of an entity': () => [{ entity: 'member', entityId: exampleId(1) }, 50, null],
    'involving a member, after an entry': () => [
      { memberId: exampleId(1) },
      50,
      ['2026-06-10T09:00:00.123456+00:00', exampleId(2)],
    ],
  }),
  namesFor: () => [
    [
      { entity: 'post', entityId: exampleId(1), action: 'create', before: null, after: { regionId: exampleId(2) } },
      { entity: 'invitation', entityId: exampleId(3), action: 'update', before: null, after: null },
      { entity: 'member', entityId: exampleId(4), action: 'update', before: null, after: { categoryId: exampleId(5) } },
      { entity: 'establishment', entityId: exampleId(6), action: 'create', before: null, after: null },
    ],
  ],
});
