import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { DB, Database } from '@seg/db';
import { MeetingReminders, NoticeOutbox, NoticeRef } from '@seg/notices';
import { QueueName, SendRemindersJob } from '@seg/queue';
import { Clock } from '@seg/rules';
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
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DB) private readonly db: Database,
    private readonly repository: MeetingNoticesRepository,
    private readonly outbox: NoticeOutbox,
    private readonly reminders: MeetingReminders,
    private readonly clock: Clock,
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
      let planned = 0;
      for (const meeting of await this.repository.listScheduledToStart()) {
        if (await this.reminders.plan(meeting)) planned++;
      }
      return planned;
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
    if (!meeting.startsAt || meeting.startsAt.getTime() <= this.clock.now().getTime())
      return 'skipped: meeting started';
    if (meeting.revision !== revision) {
      // Normally the API planned it when the meeting moved; planning again adds nothing (same job id).
      await this.reminders.plan(meeting);
      return 'skipped: meeting moved';
    }
    const refs = await this.writeReminders(meetingId, revision);
    if (!refs) return 'skipped: meeting changed meanwhile';
    await this.outbox.dispatch(refs);
    this.logger.log({ meetingId, revision, reminders: refs.length, jobId: job.id }, 'Reminders written');
    return `reminded ${refs.length}`;
  }

  /**
   * In one transaction, under the meeting's row lock and only if it is still scheduled at that
   * revision, the reminder notices. A second run adds nothing (one notice per invitation, kind
   * and revision). Null when the meeting changed meanwhile.
   */
  private async writeReminders(meetingId: string, revision: number): Promise<NoticeRef[] | null> {
    return this.db.transaction(async (tx) => {
      const meeting = await this.repository.lockStatus(tx, meetingId);
      if (!meeting || meeting.status !== 'scheduled' || meeting.revision !== revision) return null;
      return this.outbox.addToInvitees(tx, 'meeting-reminder', meetingId, revision);
    });
  }
}
