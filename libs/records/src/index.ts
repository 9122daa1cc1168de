export * from './reply-refusal';
export * from './invitation-replies';
export type { ReplyMeeting } from './invitation-replies.repository';
export * from './post-changes';
export { postNotEndedBy } from './post-changes.repository';
export type { PostChange, PostRow } from './post-changes.repository';
export * from './member-statuses';
export * from './records.module';
