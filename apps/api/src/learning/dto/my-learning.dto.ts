import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MultilineText } from '@seg/http';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, Validate, ValidateIf } from 'class-validator';
import { IsLearningHours } from '../../meetings/dto/learning-hours.validator';
import { IsCalendarDate } from '../../posts/post.dto';

const NOTE_LENGTH = 4000;

/** A private reflective note: what the member learnt, what they will change. Null clears a part. */
export class ReflectionFields {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_LENGTH)
  @MultilineText()
  learnt?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_LENGTH)
  @MultilineText()
  willChange?: string | null;
}

/** Learning outside the network, entered by the member. */
export class CreateLearningEntryDto extends ReflectionFields {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  /** YYYY-MM-DD. */
  @Validate(IsCalendarDate)
  date: string;

  /** In quarter hours: 0.25, 1.5... */
  @ApiProperty({ example: 1.5 })
  @IsLearningHours()
  hours: number;
}

/**
 * A change to a line of My learning: the note of either kind; title, date and hours of the
 * member's own entries only (a meeting's are its organiser's).
 */
export class UpdateLearningDto extends ReflectionFields {
  // Left out: unchanged; null is no title or date, refused.
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ValidateIf((_o, v) => v !== undefined)
  @Validate(IsCalendarDate)
  date?: string;

  @ApiPropertyOptional({ example: 1.5 })
  @ValidateIf((_o, v) => v !== undefined)
  @IsLearningHours()
  hours?: number;
}

export class LearningSettingsDto {
  /** The month (1 to 12) the member's appraisal year starts. */
  @IsInt()
  @Min(1)
  @Max(12)
  appraisalMonth: number;
}

export class LearningYearQuery {
  /** The appraisal year, named by the calendar year it starts in; the current one when left out. */
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2200)
  year?: number;
}

export const LEARNING_KINDS = ['meeting', 'own'] as const;

/** One line of My learning: a meeting attended (with its certificate) or the member's own entry. */
export class LearningItem {
  /** The attendance's id for a meeting, the entry's for the member's own. */
  id: string;
  @ApiProperty({ enum: LEARNING_KINDS })
  kind: (typeof LEARNING_KINDS)[number];
  title: string;
  /** YYYY-MM-DD: the day it counts on. */
  date: string;
  /** Null for a meeting whose organiser set no hours. */
  hours: number | null;
  /** Meetings only: who organised it, where, and its certificate's number. */
  organiser: string | null;
  place: string | null;
  certificateNumber: string | null;
  learnt: string | null;
  willChange: string | null;
}

export class AppraisalYearView {
  year: number;
  /** "April 2025 to March 2026", or "2025" when it starts in January. */
  label: string;
  startsOn: string;
  endsOn: string;
}

/** A month the appraisal year may start in, as the member chooses it. */
export class AppraisalMonthChoice {
  /** 1 to 12: the value of `appraisalMonth`. */
  month: number;
  /** "April". */
  name: string;
}

/** A member's learning in one appraisal year: what they attended, their own entries, the total. */
export class MyLearning {
  /** The month (1 to 12) their appraisal year starts. */
  appraisalMonth: number;
  /** The twelve months it may start in, January first, named as the year's label names them. */
  @ApiProperty({ type: [AppraisalMonthChoice] })
  appraisalMonthChoices: AppraisalMonthChoice[];
  appraisalYear: AppraisalYearView;
  /** The appraisal year today falls in: the one to show first. */
  currentYear: number;
  /** Hours in the year, meetings and own entries together. */
  totalHours: number;
  /** In date order. */
  @ApiProperty({ type: [LearningItem] })
  items: LearningItem[];
}
