import { Injectable } from '@nestjs/common';
import { FixedWindows } from '../throttle/fixed-windows';
import { TooManyAttemptsException } from '../throttle/too-many-attempts.exception';

/** Wrong check-in codes a member may type for one meeting in one window: plenty for typos, nowhere near a guess. */
export const CHECK_IN_LIMITS = { wrongCodes: 10, windowSeconds: 15 * 60 } as const;

/**
 * Counts wrong check-in codes per member and meeting, so a member who is not in the room cannot
 * find the code by trying: over the limit, 429.
 */
@Injectable()
export class CheckInThrottle {
  constructor(private readonly windows: FixedWindows) {}

  private key(meetingId: string, memberId: string): string {
    return this.windows.key('check-in:wrong', `${meetingId}:${memberId}`);
  }

  /** Throws a 429 while the member has used up their wrong codes for this meeting. */
  async check(meetingId: string, memberId: string): Promise<void> {
    const wrong = await this.windows.read(this.key(meetingId, memberId), CHECK_IN_LIMITS.windowSeconds);
    if (wrong && wrong.count >= CHECK_IN_LIMITS.wrongCodes)
      throw new TooManyAttemptsException(wrong.secondsLeft, 'Too many wrong codes');
  }

  /** Counts a wrong code; throws a 429 when it is one too many. */
  async wrongCode(meetingId: string, memberId: string): Promise<void> {
    const wait = await this.windows.addUnder(
      this.key(meetingId, memberId),
      CHECK_IN_LIMITS.wrongCodes,
      CHECK_IN_LIMITS.windowSeconds,
    );
    if (wait !== null) throw new TooManyAttemptsException(wait, 'Too many wrong codes');
  }
}
