import { EXAMPLE_TIME, exampleId, sqlExamples } from '@seg/db';
import { OneTimeTokensRepository } from './one-time-tokens.repository';

export default sqlExamples(OneTimeTokensRepository, {
  insert: (tx) => [
    tx,
    { memberId: exampleId(1), purpose: 'password-reset', tokenHash: 'hash', expiresAt: EXAMPLE_TIME },
  ],
  findByHash: (tx) => [tx, 'hash', 'password-reset'],
  lockByHash: (tx) => [tx, 'hash', 'password-reset'],
  useAllOfMember: (tx) => [tx, exampleId(1), 'password-reset'],
});
