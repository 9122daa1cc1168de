import { PageQuery } from '@seg/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';

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
}
