import { ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_KINDS, MeetingKind } from '@seg/db';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { IsMeetingTime } from './meeting-time.validator';

/** Any subset of the meeting's fields; null clears venue, online link or agenda. */
export class UpdateMeetingDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptional()
  @IsIn(MEETING_KINDS)
  kind?: MeetingKind;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(20_000)
  agenda?: string | null;

  @IsOptional()
  @IsMeetingTime()
  startsAt?: string;

  @IsOptional()
  @IsMeetingTime()
  endsAt?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  venue?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http or https URL' })
  @MaxLength(2_000)
  onlineUrl?: string | null;
}
