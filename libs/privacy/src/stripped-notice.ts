import { notices } from '@seg/db';

/** What replaces a personal value that erasure or retention removes. */
export const ERASED = '[erased]';

/**
 * A notice with nothing left of whom it went to or what it said: the address, the render inputs
 * (its text is rendered from them) and the receiving server's words (which quote the address) go;
 * its kind, dates, states and attempts stay, so the delivery ledger still counts it.
 */
export const STRIPPED_NOTICE = { toEmail: ERASED, payload: {}, lastError: null } satisfies Partial<
  typeof notices.$inferInsert
>;
