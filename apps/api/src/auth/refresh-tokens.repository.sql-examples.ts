import { EXAMPLE_TIME, exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export default sqlExamples(RefreshTokensRepository, {
  insert: (tx) => [
    tx,
    { memberId: exampleId(1), familyId: exampleId(2), tokenHash: 'hash', expiresAt: EXAMPLE_TIME, device: null },
  ],
  lockByHash: (tx) => [tx, 'hash'],
  getByHash: () => ['hash'],
  markReplaced: (tx) => [tx, exampleId(1)],
  revokeFamily: sqlVariants({
    any: (tx) => [tx, exampleId(2)],
    'of a member': (tx) => [tx, exampleId(2), exampleId(1)],
  }),
  revokeAllOfMember: sqlVariants({
    all: (tx) => [tx, exampleId(1)],
    'but one': (tx) => [tx, exampleId(1), exampleId(2)],
  }),
  listLiveSessions: () => [exampleId(1)],
});
