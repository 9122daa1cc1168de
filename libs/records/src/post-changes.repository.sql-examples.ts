import { EXAMPLE_DAY, exampleId, sqlExamples } from '@seg/db';
import { PostChangesRepository } from './post-changes.repository';

export default sqlExamples(PostChangesRepository, {
  update: (tx) => [tx, exampleId(1), { endsOn: EXAMPLE_DAY }],
  endAllOf: (tx) => [tx, exampleId(2), EXAMPLE_DAY],
});
