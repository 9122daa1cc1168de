import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { NoticeQueue, QueueName, SendRemindersJob } from '@seg/queue';
import { Job } from 'bullmq';
import { QueueConsumer } from '../queue/queue-consumer';
import { MeetingNoticesRepository } from './meeting-notices.repository';

/**
 * Fires the delayed reminder of one meeting revision: writes the reminder notices in one
 * transaction, then queues them. A job whose meeting has moved since it was planned does
 * nothing but make sure the new revision's reminder is planned.
 */
@Injectable()
export class ReminderProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderProcessor.name);
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
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.close();
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
