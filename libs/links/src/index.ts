export * from './secret-keys';
export * from './id-token';
export * from './rsvp-token';
export * from './calendar-feed-token';
export * from './tagged-address';
export * from './reply-address';
export * from './unsubscribe-token';
export * from './html-text';
