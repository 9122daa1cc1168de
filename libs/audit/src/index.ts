export * from './actor';
export * from './audit-trail';
export * from './audit-trail.module';
