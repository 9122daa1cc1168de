import type { AppConfig } from '@seg/config';
import { EXAMPLE_TIME, exampleId, members, noSql, sqlExamples, Transaction } from '@seg/db';
import { ConfirmDetailsRepository } from './confirm-details.repository';

const config = { detailsConfirm: { months: 24, repMonths: 12 } } as AppConfig;

/** A member the run asks (or reminds): without one it stops before reading their card. */
async function dueMember(tx: Transaction, asked: Date | null): Promise<void> {
  await tx.insert(members).values({
    id: exampleId(1),
    email: 'ada@example.org',
    name: 'Ada Lovelace',
    status: 'active',
    createdAt: new Date('2020-01-01T00:00:00.000Z'),
    detailsRequestedAt: asked,
  });
}

export default sqlExamples(
  ConfirmDetailsRepository,
  {
    openDueRequests: async (tx) => {
      await dueMember(tx, null);
      return [tx, EXAMPLE_TIME];
    },
    remindUnanswered: async (tx) => {
      await dueMember(tx, new Date('2026-01-01T00:00:00.000Z'));
      return [tx, EXAMPLE_TIME];
    },
    transaction: noSql('opens a transaction for the methods that take one'),
  },
  (db) => new ConfirmDetailsRepository(db, config),
);
