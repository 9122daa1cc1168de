import type { AppConfig } from '@seg/config';
import { createIdToken, readIdToken } from '@seg/links';

/** A member who has not answered the first email in this many days gets a second. */
export const DETAILS_SECOND_ASK_AFTER_DAYS = 14;
/** A member who has not answered in this many days shows on the not-confirmed list. */
export const DETAILS_STALE_AFTER_DAYS = 30;

/** How many months a member's confirmation holds: shorter for a representative, whose details others rely on. */
export function detailsConfirmMonths(config: Pick<AppConfig, 'detailsConfirm'>, isCurrentRep: boolean): number {
  return isCurrentRep ? config.detailsConfirm.repMonths : config.detailsConfirm.months;
}

/** Whether a confirmation made at `confirmedAt` has run out by `now` (null: never confirmed). */
export function confirmDetailsOverdue(confirmedAt: Date | null, months: number, now: Date): boolean {
  if (!confirmedAt) return true;
  const until = new Date(confirmedAt);
  until.setUTCMonth(until.getUTCMonth() + months);
  return until.getTime() <= now.getTime();
}

/** The "still right" page of a member's confirm-details email (the web app's; it reads `/confirm-details/:token`). */
export function confirmDetailsLink(publicUrl: string, secret: string, memberId: string): string {
  return `${publicUrl}/confirm-details?token=${createIdToken(secret, 'confirm-details', memberId)}`;
}

/** The member id a confirm-details token was made for, or null when malformed or forged. */
export function readConfirmDetailsToken(secret: string, token: string): string | null {
  return readIdToken(secret, 'confirm-details', token);
}
