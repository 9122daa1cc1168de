import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@seg/http';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** One person's attendance, set or corrected by the organiser. */
export class MarkAttendanceDto {
  /** true: they came; false: a correction, they did not (their certificate then shows as withdrawn). */
  @IsBoolean()
  attended: boolean;
}

/** Several people marked as come at once: those named, and with `going` everyone who replied Going. */
export class MarkManyDto {
  /** Members who came: invitees, or walk-ins found by name in the directory. A withdrawn one counts again. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  /** Every invitee who replied Going, except those whose attendance was withdrawn (a correction stands). */
  @IsOptional()
  @IsBoolean()
  going?: boolean;
}

export class CheckInDto {
  /** The code shown in the room or in the online session (case, spaces and dashes do not matter). */
  @IsString()
  @MaxLength(50)
  code: string;
}

export class AttendanceQuery extends PageQuery {
  /** person: the register, a line per invitee or attendee; group (default): counts by region and category. */
  @ApiPropertyOptional({ enum: ['group', 'person'] })
  @IsOptional()
  @IsIn(['group', 'person'])
  by?: 'group' | 'person';

  /** csv for a spreadsheet; the Accept header text/csv does the same. */
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
