import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  EMAIL_STATUSES,
  type EmailStatus,
  MEMBER_STATUSES,
  type MemberStatus,
  NOTICE_CHOICES,
  type NoticeChoice,
} from '@seg/db';
import { PageQuery } from '@seg/http';

export class MemberSearchQuery extends PageQuery {
  /** Part of a name: case, accents, apostrophes and hyphens do not matter. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** A region code. */
  @IsOptional()
  @IsString()
  region?: string;

  /** A category code. */
  @IsOptional()
  @IsString()
  category?: string;

  /** An establishment id. */
  @IsOptional()
  @IsUUID()
  establishment?: string;

  /** Only members holding a post today. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'must be true or false' })
  reps?: boolean;

  /**
   * The secretariat, or a representative listing their own region: members of this status
   * (otherwise members see the current members who are listed).
   */
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: MemberStatus;

  /** The secretariat, or a representative listing their own region: `bouncing` lists the members whose address bounces. */
  @IsOptional()
  @IsIn(EMAIL_STATUSES)
  emailStatus?: EmailStatus;

  /**
   * The secretariat, or a representative listing their own region: the members who turned off
   * this kind of meeting notice (`hub-meetings`, `regional-meetings`, `reminders`).
   */
  @IsOptional()
  @IsIn(NOTICE_CHOICES)
  noticesOff?: NoticeChoice;

  /**
   * The secretariat, or a representative listing their own region: `true` lists the current
   * members who have not answered a request to confirm their details within 30 days.
   */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'must be true or false' })
  stale?: boolean;
}
