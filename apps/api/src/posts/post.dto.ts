import { Transform } from 'class-transformer';
import {
  Equals,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ACCEPTED_YEARS, isAcceptedYear } from '@seg/rules';
import { PageQuery } from '@seg/http';

@ValidatorConstraint({ name: 'isCalendarDate' })
export class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && isAcceptedYear(d.getUTCFullYear()) && d.toISOString().slice(0, 10) === value;
  }

  defaultMessage(): string {
    return `must be a date like 2026-04-01, in the years ${ACCEPTED_YEARS.first} to ${ACCEPTED_YEARS.last}`;
  }
}

export class CreatePostDto {
  @IsUUID(undefined, { message: 'choose a member' })
  memberId: string;

  /** The region represented; leave out and set `hub: true` for a national post. */
  @ValidateIf((o: CreatePostDto) => o.hub !== true || o.regionCode !== undefined)
  @IsString({ message: 'must be a region code, or set hub: true' })
  @IsNotEmpty()
  regionCode?: string;

  /** A post of the national group (chair, secretary, national lead...). */
  @IsOptional()
  @Equals(true, { message: 'must be true when given' })
  hub?: true;

  /** e.g. "Regional lead", "Deputy", "Chair". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role: string;

  @Validate(IsCalendarDate)
  startsOn: string;

  /** The first day the post is no longer held. */
  @IsOptional()
  @Validate(IsCalendarDate)
  endsOn?: string | null;
}

export class UpdatePostDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role?: string;

  @IsOptional()
  @Validate(IsCalendarDate)
  startsOn?: string;

  /** Set to end the post (today ends it at once); null re-opens it. */
  @ValidateIf((o: UpdatePostDto) => o.endsOn !== null && o.endsOn !== undefined)
  @Validate(IsCalendarDate)
  endsOn?: string | null;
}

export class PostQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  memberId?: string;

  /** A region code, or `hub`. */
  @IsOptional()
  @IsString()
  region?: string;

  /** Only the posts held today. */
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsIn([true, false])
  current?: boolean;
}
