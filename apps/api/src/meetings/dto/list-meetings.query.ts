import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@seg/http';
import { MEETING_KINDS, MeetingKind } from '@seg/db';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListMeetingsQuery extends PageQuery {
  /** upcoming: not yet over, soonest first; past: over, latest first. Default: all, latest first. */
  @ApiPropertyOptional({ enum: ['upcoming', 'past'] })
  @IsOptional()
  @IsIn(['upcoming', 'past'])
  when?: 'upcoming' | 'past';

  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptional()
  @IsIn(MEETING_KINDS)
  kind?: MeetingKind;

  @ApiPropertyOptional({
    description: 'A region code: every meeting of that region (the secretariat, or a representative of the region).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;
}

export class InvitationsQuery extends PageQuery {
  /** csv for every invitee as a spreadsheet (not paged); the Accept header text/csv does the same. */
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
