import { Global, Module } from '@nestjs/common';
import { AuditTrail } from './audit-trail';
import { AuditTrailRepository } from './audit-trail.repository';

/** The writing side of the audit log, for the API and the worker alike (needs the database module). */
@Global()
@Module({
  providers: [AuditTrailRepository, AuditTrail],
  exports: [AuditTrail],
})
export class AuditTrailModule {}
