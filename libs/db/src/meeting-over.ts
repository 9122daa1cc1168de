import { gt, isNull, lte, or, SQL } from 'drizzle-orm';
import { meetings } from './schema';

/** `meetingIsOver` of @seg/rules as a condition on the meetings table, at `now` (the injected clock's). */
export function meetingIsOverCondition(now: Date): SQL {
  return or(isNull(meetings.endsAt), lte(meetings.endsAt, now))!;
}

/** Its negation: meetings still to come or under way. */
export function meetingIsNotOverCondition(now: Date): SQL {
  return gt(meetings.endsAt, now);
}
