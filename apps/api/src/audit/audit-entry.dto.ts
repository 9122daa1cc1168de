import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@seg/common';

export class AuditActor {
  id: string;
  name: string;
  email: string;
}

export class AuditEntry {
  id: string;
  at: string;
  /** Null for changes made by the system or by a link from an email without login. */
  actor: AuditActor | null;
  entity: string;
  entityId: string;
  action: string;
  @ApiProperty({ description: 'The record before the change (null when created)', nullable: true, type: 'object', additionalProperties: true })
  before: unknown;
  @ApiProperty({ description: 'The record after the change', nullable: true, type: 'object', additionalProperties: true })
  after: unknown;
  requestId: string | null;
}

export class AuditPage extends PageOf(AuditEntry) {}
