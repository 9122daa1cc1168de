import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { NoticeQueue } from '@seg/queue';
import { Clock } from '@seg/rules';

/** What planning a reminder needs to know of a meeting. */
export interface RemindedMeeting {
  id: string;
  revision: number;
  status: string;
  startsAt: Date | null;
}

/**
 * When a meeting's reminder fires: `hoursBefore` (REMINDER_HOURS_BEFORE) before its start.
 * Null when the meeting has no date or is not scheduled.
 */
export function reminderTime(meeting: Pick<RemindedMeeting, 'status' | 'startsAt'>, hoursBefore: number): Date | null {
  if (meeting.status !== 'scheduled' || !meeting.startsAt) return null;
  return new Date(meeting.startsAt.getTime() - hoursBefore * 3600_000);
}

/**
 * The reminder of a meeting is a delayed job per revision, whose id is the meeting and
 * revision: planning it twice adds nothing, a moved meeting plans a new one and drops the old.
 */
@Injectable()
export class MeetingReminders {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: NoticeQueue,
    private readonly clock: Clock,
  ) {}

  /** When this meeting's reminder is due, or null when it gets none. */
  dueAt(meeting: Pick<RemindedMeeting, 'status' | 'startsAt'>): Date | null {
    return reminderTime(meeting, this.config.meetings.reminderHoursBefore);
  }

  /** Plans the reminder of the meeting's current revision; false when its time has passed or it gets none. */
  async plan(meeting: RemindedMeeting, now = this.clock.now().getTime()): Promise<boolean> {
    const due = this.dueAt(meeting);
    if (!due || due.getTime() <= now) return false;
    await this.queue.planReminder({ meetingId: meeting.id, revision: meeting.revision }, due.getTime() - now);
    return true;
  }

  /** Drops the planned reminder of a revision (moved or cancelled meeting). Missing is fine. */
  async drop(meetingId: string, revision: number): Promise<void> {
    await this.queue.dropReminder(meetingId, revision);
  }
}
