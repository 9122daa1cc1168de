import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { NoticeQueue, QueueName, SendRemindersJob } from '@seg/queue';
import { Job } from 'bullmq';
import { QueueConsumer } from '../queue/queue-consumer';
import { MeetingNoticesRepository } from './meeting-notices.repository';

const SWEEP_EVERY_MS = 60_000;

/**
 * Fires the delayed reminder of one meeting revision: writes the reminder notices in one
 * transaction, then queues them. A job whose meeting has moved since it was planned does
 * nothing but make sure the new revision's reminder is planned.
 */
@Injectable()
export class ReminderProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReminderProcessor.name);
  private timer: NodeJS.Timeout | null = null;
  readonly consumer: QueueConsumer<SendRemindersJob>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MeetingNoticesRepository,
    private readonly queue: NoticeQueue,
  ) {
    this.consumer = new QueueConsumer<SendRemindersJob>(
      { queueName: QueueName.Meetings, redisUrl: config.redisUrl, prefix: config.queuePrefix, concurrency: 2 },
      (job) => this.handle(job),
    );
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
    void this.planMissing();
    this.timer = setInterval(() => void this.planMissing(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.consumer.close();
  }

  /**
   * Plans the reminder of every scheduled meeting whose reminder time is still to come, in case
   * the API could not (Redis down) or Redis lost the job. Planning is idempotent (the job id is
   * the meeting and revision), so a reminder already planned or fired is left alone.
   */
  async planMissing(): Promise<number> {
    try {
      const hoursBefore = this.config.meetings.reminderHoursBefore;
      const upcoming = await this.repository.listAwaitingReminder(hoursBefore);
      for (const m of upcoming) {
        await this.queue.planReminder({ meetingId: m.id, revision: m.revision }, m.startsAt!.getTime() - hoursBefore * 3600_000 - Date.now());
      }
      return upcoming.length;
    } catch (err) {
      this.logger.warn({ err }, 'Could not check the planned reminders; will try again');
      return 0;
    }
  }

  async handle(job: Job<SendRemindersJob>): Promise<string> {
    const { meetingId, revision } = job.data;
    const meeting = await this.repository.getMeeting(meetingId);
    if (!meeting) return 'skipped: meeting deleted';
    if (meeting.status !== 'scheduled') return `skipped: meeting ${meeting.status}`;
    if (!meeting.startsAt || meeting.startsAt.getTime() <= Date.now()) return 'skipped: meeting started';
    if (meeting.revision !== revision) {
      // Normally the API planned it when the meeting moved; planning again adds nothing (same job id).
      const delay = meeting.startsAt.getTime() - this.config.meetings.reminderHoursBefore * 3600_000 - Date.now();
      if (delay > 0) await this.queue.planReminder({ meetingId, revision: meeting.revision }, delay);
      return 'skipped: meeting moved';
    }
    const refs = await this.repository.writeReminders(meetingId, revision);
    if (!refs) return 'skipped: meeting changed meanwhile';
    await this.queue.enqueue(refs);
    this.logger.log({ meetingId, revision, reminders: refs.length, jobId: job.id }, 'Reminders written');
    return `reminded ${refs.length}`;
  }
}
