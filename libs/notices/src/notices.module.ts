import { Global, Module } from '@nestjs/common';
import { MeetingReminders } from './meeting-reminders';
import { NoticeDelivery } from './notice-delivery';
import { NoticeOutbox } from './notice-outbox';
import { OutboxRepository } from './outbox.repository';

/** The writing side of notices, for the API and the worker alike (needs the database and queue modules). */
@Global()
@Module({
  providers: [OutboxRepository, NoticeOutbox, NoticeDelivery, MeetingReminders],
  exports: [NoticeOutbox, NoticeDelivery, MeetingReminders],
})
export class NoticesModule {}
