import { exampleId, sqlExamples } from '@seg/db';
import { AuditTrailRepository } from './audit-trail.repository';

export default sqlExamples(AuditTrailRepository, {
  insert: (tx) => [
    tx,
    [
      { entity: 'member', entityId: exampleId(1), action: 'update', actorId: exampleId(2), before: {}, after: {} },
      { entity: 'post', entityId: exampleId(3), action: 'create', actorId: exampleId(2), after: {} },
    ],
  ],
});
