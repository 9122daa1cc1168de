import { MultilineText, IsName } from '@seg/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_KINDS, MeetingKind } from '@seg/db';
import { MAX_LEARNING_OUTCOMES, MAX_OUTCOME_LENGTH } from '@seg/rules';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { IsLearningHours } from './learning-hours.validator';
import { IsMeetingTime } from './meeting-time.validator';

export class CreateMeetingDto {
  @IsString()
  @IsName()
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

  /**
   * The learning (CPD) hours the meeting counts for, in quarter hours: shown on its certificates
   * and counted in its attendees' learning. Null clears them.
   */
  @ApiPropertyOptional({ nullable: true, example: 1.5, type: Number })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsLearningHours()
  cpdHours?: number | null;

  /** What attendees will have learnt: a short list of short lines, on the certificate. */
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_LEARNING_OUTCOMES,
    example: ['Manage opioid withdrawal on reception'],
  })
  @ValidateIf((_o, v) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_LEARNING_OUTCOMES)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_OUTCOME_LENGTH, { each: true })
  learningOutcomes?: string[];
}
