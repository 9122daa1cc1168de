export * from './reply-refusal';
export * from './invitation-replies';
export type { ReplyMeeting } from './invitation-replies.repository';
export * from './records.module';
