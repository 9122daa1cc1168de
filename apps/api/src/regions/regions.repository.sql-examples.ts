import { EXAMPLE_DAY, EXAMPLE_TIME, exampleId, sqlExamples } from '@seg/db';
import { RegionsRepository } from './regions.repository';

export default sqlExamples(RegionsRepository, {
  listAll: () => [],
  listLive: () => [],
  getById: () => [exampleId(1)],
  getByCode: () => ['LON'],
  postsOfRegion: () => [exampleId(1), EXAMPLE_DAY],
  regionalPostsHeldOn: () => [exampleId(2), EXAMPLE_DAY],
  insert: (tx) => [tx, { code: 'LON', name: 'London', nation: 'England' }],
  update: (tx) => [tx, exampleId(1), { name: 'London' }],
  moveInto: (tx) => [tx, exampleId(1), exampleId(3), { today: EXAMPLE_DAY, now: EXAMPLE_TIME }],
});
