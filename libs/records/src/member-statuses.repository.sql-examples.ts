import { exampleId, sqlExamples } from '@seg/db';
import { MemberStatusesRepository } from './member-statuses.repository';

export default sqlExamples(MemberStatusesRepository, {
  set: (tx) => [tx, exampleId(2), 'left'],
});
