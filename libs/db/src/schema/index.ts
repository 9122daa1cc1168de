export * from './reference.schema';
export * from './members.schema';
export * from './auth.schema';
export * from './meetings.schema';
export * from './notices.schema';
export * from './directory.schema';
export * from './privacy.schema';
export * from './calendar-feeds.schema';
