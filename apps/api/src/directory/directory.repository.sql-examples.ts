import { EXAMPLE_DAY, exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { DirectoryRepository } from './directory.repository';
import { nameQuery } from './name-query';

const after = [0, 0, 'lovelace', 'ada', exampleId(1)] as [number, number, string, string, string];

export default sqlExamples(DirectoryRepository, {
  searchPage: sqlVariants({
    'a name long enough for near misses': () => [
      { name: nameQuery('Ada Lovelace'), listedOnly: true },
      EXAMPLE_DAY,
      25,
    ],
    'a short name, after a position': () => [{ name: nameQuery('Al') }, EXAMPLE_DAY, 25, after],
    'an establishment and representatives': () => [
      { establishmentId: exampleId(2), repsOnly: true, stale: true },
      EXAMPLE_DAY,
      25,
    ],
    'a broad list with every filter': () => [
      {
        regionCode: 'LON',
        categoryCode: 'GP',
        listedOnly: true,
        statuses: ['invited', 'active'],
        emailStatus: 'ok',
        noticesOff: 'reminders',
      },
      EXAMPLE_DAY,
      25,
    ],
    'a broad list, after a position': () => [{}, EXAMPLE_DAY, 25, after],
  }),
  resolveCodes: () => [{ region: 'LON', category: 'GP' }],
  getMember: () => [exampleId(1), EXAMPLE_DAY],
  endedPostsOf: () => [exampleId(1), EXAMPLE_DAY],
  currentReps: sqlVariants({
    'of some regions and the hub': () => [{ regionIds: [exampleId(1), exampleId(2)], hub: true }, EXAMPLE_DAY],
    'of every region': () => [{ regionIds: 'all', hub: false }, EXAMPLE_DAY],
  }),
  workingInRegion: () => [exampleId(1), EXAMPLE_DAY],
});
