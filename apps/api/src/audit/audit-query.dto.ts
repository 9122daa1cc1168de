import { PageQuery } from '@seg/http';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class AuditQuery extends PageQuery {
  /** The kind of record: member, post, region, category, establishment. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entity?: string;

  /** The record's id. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  id?: string;

  /** A member: everything involving them (their record, posts and invitations) and every change they made. */
  @IsOptional()
  @IsUUID()
  member?: string;
}
