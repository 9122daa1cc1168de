/**
 * "The meeting is over": its end has come, or it has no end (an archived summit known by its
 * year only). Once over, nobody is invited, it cannot be cancelled and replies are refused; the
 * API says so as the meeting's `isOver`, which the web reads. `meetingIsOverCondition` of @seg/db
 * is this rule in SQL, proven equal by test/meeting-over.e2e-spec.ts.
 */
export function meetingIsOver(meeting: { endsAt: Date | null }, now: Date): boolean {
  return !meeting.endsAt || meeting.endsAt.getTime() <= now.getTime();
}
