import { EXAMPLE_DAY, exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { InvitationsRepository, ResolvedAudience } from './invitations.repository';

const everyPart: ResolvedAudience = {
  all: true,
  reps: true,
  regionIds: [exampleId(1)],
  categoryIds: [exampleId(2)],
  memberIds: [exampleId(3), exampleId(4)],
  withinRegionId: null,
  today: EXAMPLE_DAY,
};
const withinRegion: ResolvedAudience = {
  all: false,
  reps: false,
  regionIds: [],
  categoryIds: [],
  memberIds: [exampleId(3)],
  withinRegionId: exampleId(1),
  today: EXAMPLE_DAY,
};

export default sqlExamples(InvitationsRepository, {
  previewInvite: sqlVariants({
    'every part': () => [exampleId(10), everyPart],
    'members within a region': () => [exampleId(10), withinRegion],
  }),
  invite: (tx) => [tx, exampleId(10), 1, everyPart, exampleId(5)],
  getInvitationContext: () => [exampleId(11)],
  findInvitationId: () => [exampleId(10), exampleId(3)],
  findInvitee: () => [exampleId(10), exampleId(3)],
  listInvitees: sqlVariants({
    'first page': () => [exampleId(10), EXAMPLE_DAY, 50, null],
    'after an invitee': () => [exampleId(10), EXAMPLE_DAY, 50, { name: 'Ada Lovelace', id: exampleId(11) }],
  }),
});
