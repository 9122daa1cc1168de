import { EXAMPLE_DAY, exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { PostsRepository } from './posts.repository';

export default sqlExamples(PostsRepository, {
  getById: () => [exampleId(1)],
  lockHolder: (tx) => [tx, exampleId(2)],
  findOverlapping: sqlVariants({
    'of a region, open-ended': (tx) => [
      tx,
      { memberId: exampleId(2), regionId: exampleId(3), role: 'Lead', startsOn: EXAMPLE_DAY, endsOn: null },
    ],
    'of the hub, with an end': (tx) => [
      tx,
      { memberId: exampleId(2), regionId: null, role: 'Chair', startsOn: EXAMPLE_DAY, endsOn: '2027-06-10' },
    ],
  }),
  insert: (tx) => [tx, { memberId: exampleId(2), regionId: exampleId(3), role: 'Lead', startsOn: EXAMPLE_DAY }],
  list: sqlVariants({
    'of a member and region, current, after a post': () => [
      { memberId: exampleId(2), regionId: exampleId(3), currentOn: EXAMPLE_DAY },
      50,
      [EXAMPLE_DAY, exampleId(1)],
    ],
    'of the hub': () => [{ regionId: null }, 50, null],
  }),
  getView: () => [exampleId(1)],
});
