export * from './notice-kinds';
export * from './notice-choices';
export * from './notice-outbox';
export * from './notice-delivery';
export * from './meeting-reminders';
export type { NewNotice } from './outbox.repository';
export { newInvitationNotices, refsOfNewNotices } from './outbox.repository';
export * from './notices.module';
export type { NoticeRef } from '@seg/queue';
