import { EXAMPLE_TIME, exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { MeetingsRepository } from './meetings.repository';

export default sqlExamples(MeetingsRepository, {
  create: (tx) => [tx, { title: 'Regional meeting', kind: 'regional', startsAt: EXAMPLE_TIME }],
  getById: () => [exampleId(1)],
  lockById: (tx) => [tx, exampleId(1)],
  update: (tx) => [tx, exampleId(1), { title: 'Regional meeting' }],
  getWithRegion: () => [exampleId(1)],
  getWithRsvp: () => [exampleId(1), exampleId(2)],
  list: sqlVariants({
    'every meeting, past': () => [
      { invitedMemberId: null, viewerId: exampleId(2), when: 'past', now: EXAMPLE_TIME, limit: 20 },
    ],
    "a member's, upcoming, of a region and kind, after one": () => [
      {
        invitedMemberId: exampleId(2),
        viewerId: exampleId(2),
        regionId: exampleId(3),
        kind: 'regional',
        when: 'upcoming',
        now: EXAMPLE_TIME,
        after: { sortKey: '2026-06-10T09:00:00+00:00', id: exampleId(1) },
        limit: 20,
      },
    ],
  }),
});
