/** Every queue of the system, and the small payloads (ids, not documents) their jobs carry. */
export const QueueName = {
  /** One job per batch of notices queued together: each rendered, sent and recorded on its own. */
  Notices: 'notices',
  /** Meeting housekeeping: delayed reminder jobs. */
  Meetings: 'meetings',
  /** The daily jobs (`DAILY_JOBS`), each one job a day from its scheduler; the job's name is the daily job's. */
  Daily: 'daily',
} as const;

export const JobName = {
  SendNotice: 'send-notice',
  SendReminders: 'send-reminders',
} as const;

export interface SendNoticeJob {
  /** The notices the job holds (`NoticeQueue` claims each for one job at a time). */
  noticeIds: string[];
}

/** A job of one notice, as releases before batches queued them; a worker still sends those. */
export interface SendOneNoticeJob {
  noticeId: string;
}

export interface SendRemindersJob {
  meetingId: string;
  /** The meeting revision the reminder was planned for; a moved meeting plans a new one. */
  revision: number;
}

/** The job id a release before batches gave a notice's job of its own. */
export function noticeJobId(noticeId: string, generation: number): string {
  return `notice.${noticeId}.${generation}`;
}

export function reminderJobId(meetingId: string, revision: number): string {
  return `reminder.${meetingId}.${revision}`;
}
