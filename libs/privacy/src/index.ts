export * from './stripped-notice';
export * from './member-erasure';
export * from './erasure-requests.repository';
export * from './erasure.module';
export * from './retention';
export * from './retention.module';
export type { RetentionRunRow } from './retention.repository';
export * from './erased-record';
export * from './staff-text-mentions';
