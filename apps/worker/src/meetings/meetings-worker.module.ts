import { Module } from '@nestjs/common';
import { MeetingNoticeRenderer } from './meeting-notice.renderer';
import { MeetingNoticesRepository } from './meeting-notices.repository';
import { ReminderProcessor } from './reminder.processor';

/** The worker's meeting side: the meeting notice renderer and the reminder job. */
@Module({
  providers: [MeetingNoticesRepository, MeetingNoticeRenderer, ReminderProcessor],
  exports: [MeetingNoticeRenderer, ReminderProcessor],
})
export class MeetingsWorkerModule {}
