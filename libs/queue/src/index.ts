export * from './queue.contract';
export * from './redis-connection';
export * from './notice-queue';
export * from './queue.module';
export * from './inbound-state';
export * from './daily-jobs';
export * from './mail-auth-state';
export * from './backup-state';
