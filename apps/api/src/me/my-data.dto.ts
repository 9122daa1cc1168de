import { ApiProperty } from '@nestjs/swagger';
import { MemberRecord } from '../members/dto/member-record.dto';

/** Everything held about a member (a subject access request): each table's rows that refer to them. */
export class MyData {
  exportedAt: string;
  member: MemberRecord;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  invitations: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  notices: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  sessions: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  oneTimeLinks: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  audit: Record<string, unknown>[];
}
