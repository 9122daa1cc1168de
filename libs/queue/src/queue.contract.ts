/** Every queue of the system, and the small payloads (ids, not documents) their jobs carry. */
export const QueueName = {
  /** One job per notice: render and send one email. */
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
  noticeId: string;
}

export interface SendRemindersJob {
  meetingId: string;
  /** The meeting revision the reminder was planned for; a moved meeting plans a new one. */
  revision: number;
}

/** A notice's job id: a repeated enqueue of the same notice adds nothing. */
export function noticeJobId(noticeId: string, generation: number): string {
  return `notice.${noticeId}.${generation}`;
}

export function reminderJobId(meetingId: string, revision: number): string {
  return `reminder.${meetingId}.${revision}`;
}
