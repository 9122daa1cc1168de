import { exampleId, sqlExamples } from '@seg/db';
import { AccountsRepository } from './accounts.repository';

export default sqlExamples(AccountsRepository, {
  getByEmail: () => ['ada@example.org'],
  getById: () => [exampleId(1)],
  lockById: (tx) => [tx, exampleId(1)],
  setPassword: (tx) => [tx, exampleId(1), 'argon2-hash'],
  setEmail: (tx) => [tx, exampleId(1), 'ada@example.org'],
  createIfEmailFree: (tx) => [
    tx,
    { email: 'ada@example.org', name: 'Ada Lovelace', role: 'member', status: 'active', passwordHash: 'argon2-hash' },
  ],
});
