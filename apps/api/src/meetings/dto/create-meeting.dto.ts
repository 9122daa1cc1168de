import { MultilineText } from '@seg/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_KINDS, MeetingKind } from '@seg/db';
import { IsIn, IsNotEmpty, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { IsMeetingTime } from './meeting-time.validator';

export class CreateMeetingDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind: MeetingKind;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(20_000)
  @MultilineText()
  agenda?: string | null;

  /** ISO-8601; without an offset it is read as London time. */
  @ApiProperty({ example: '2026-06-10T10:00:00+01:00' })
  @IsMeetingTime()
  startsAt: string;

  @ApiProperty({ example: '2026-06-10T12:30:00+01:00' })
  @IsMeetingTime()
  endsAt: string;

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

  /**
   * The region the meeting belongs to (a region code); its representatives run it with the
   * secretariat. A representative's meeting is `regional` and of their own region, which is the
   * default when they hold posts in one region only.
   */
  @ApiPropertyOptional({ nullable: true, example: 'north-west' })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  regionCode?: string | null;
}
