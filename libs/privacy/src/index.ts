export * from './member-erasure';
export * from './erasure-requests.repository';
export * from './erasure.module';
