import type { DeliveryEstimateView } from '../api/openapi.generated';
import { formatMoment } from '../time';

const count = (n: number) => n.toLocaleString('en-GB');

/** `16 minutes`, `5 hours 17 minutes`, `less than a minute`. */
export function duration(minutes: number): string {
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const part = (n: number, unit: string) => `${count(n)} ${unit}${n === 1 ? '' : 's'}`;
  if (!hours) return part(rest, 'minute');
  return rest ? `${part(hours, 'hour')} ${part(rest, 'minute')}` : part(hours, 'hour');
}

/**
 * How long an invitation call's emails will take, as the API estimated it: "480 invitations:
 * about 16 minutes at your provider's 30 a minute." Over the day's limit, how many wait and
 * when the last should go.
 */
export function deliveryEstimateText(d: DeliveryEstimateView): string {
  const what = `${count(d.notices)} ${d.notices === 1 ? 'invitation' : 'invitations'}`;
  const ahead = d.ahead ? ` (after ${count(d.ahead)} ${d.ahead === 1 ? 'email' : 'emails'} already waiting)` : '';
  if (!d.laterDays) {
    const time = d.minutes < 1 ? duration(0) : `about ${duration(d.minutes)}`;
    return `${what}: ${time} at your provider's ${count(d.ratePerMinute)} a minute${ahead}.`;
  }
  return (
    `${what}: more than your provider's ${count(d.dailyLimit ?? 0)} a day allows, so ${count(d.laterDays)} ` +
    `${d.laterDays === 1 ? 'waits' : 'wait'} for the next ${d.minutes > 2 * 24 * 60 ? 'days' : 'day'}${ahead}; ` +
    `the last should go about ${formatMoment(d.lastGoesAt)}.`
  );
}

/** When a meeting's queued emails should go, for its delivery ledger; null when none waits for a later day. */
export function heldEmailsText(laterDays: number, lastGoesAt: string | null): string | null {
  if (!laterDays || !lastGoesAt) return null;
  return (
    `${count(laterDays)} ${laterDays === 1 ? 'email waits' : 'emails wait'} for a later day (the day's sending limit is reached); ` +
    `the last should go about ${formatMoment(lastGoesAt)}.`
  );
}
