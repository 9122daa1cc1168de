import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@seg/http';

export class AuditActor {
  id: string;
  name: string;
  email: string;
}

/** The representative post a change was made under. */
export class AuditActorPost {
  id: string;
  role: string;
  /** The region's code; null for a hub post. */
  @ApiProperty({ type: String, nullable: true })
  region: string | null;
  @ApiProperty({ type: String, nullable: true })
  regionName: string | null;
}

export class AuditChange {
  /** The field as stored, such as `regionId`. */
  field: string;
  /** The field in words, such as "region". */
  label: string;
  /** The value before, with ids replaced by names; null when there was none. */
  @ApiProperty({ type: String, nullable: true })
  before: string | null;
  @ApiProperty({ type: String, nullable: true })
  after: string | null;
}

export class AuditEntry {
  id: string;
  at: string;
  /** Null for changes made by the system or by a link from an email without login. */
  actor: AuditActor | null;
  /** The post that allowed the change, when a representative made it for their region. */
  actorPost: AuditActorPost | null;
  entity: string;
  entityId: string;
  action: string;
  /** The record in words: a member's name, "the region London", a meeting's title. */
  subject: string;
  /** What happened, as a sentence: "Kwame Mensah's phone changed". */
  summary: string;
  /** The fields that changed, named and with names in place of ids. */
  changes: AuditChange[];
  @ApiProperty({
    description: 'The record before the change (null when created)',
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  before: unknown;
  @ApiProperty({
    description: 'The record after the change',
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  after: unknown;
  requestId: string | null;
}

export class AuditPage extends PageOf(AuditEntry) {}
