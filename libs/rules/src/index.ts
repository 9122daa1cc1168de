export * from './london-time';
export * from './current-post';
export * from './contact-visibility';
export * from './details-confirmation';
export * from './erasure-request-clock';
export * from './rsvp-wording';
export * from './meeting-calendar';
export * from './account-rights';
