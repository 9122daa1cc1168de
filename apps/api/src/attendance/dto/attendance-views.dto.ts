import { ApiProperty } from '@nestjs/swagger';
import { ATTENDANCE_SOURCES, AttendanceSource, RSVP_RESPONSES, RsvpResponse } from '@seg/db';
import { PageOf } from '@seg/http';

/** The person on a register line, as those who run the meeting see them. */
export class RegisterMember {
  id: string;
  name: string;
  region: string | null;
  regionName: string | null;
  category: string | null;
  categoryName: string | null;
}

/** How and when an attendance was recorded, and its certificate. */
export class AttendanceRecord {
  /** False once withdrawn by a correction. */
  attended: boolean;
  @ApiProperty({ enum: ATTENDANCE_SOURCES })
  source: AttendanceSource;
  recordedAt: string;
  withdrawnAt: string | null;
  /** Null only for a member since erased. */
  certificateNumber: string | null;
}

/** One line of the register: an invitee (with their reply) or a walk-in, and whether they came. */
export class RegisterLineView {
  member: RegisterMember;
  /** Their reply; null for someone who came without an invitation. */
  @ApiProperty({ enum: RSVP_RESPONSES, nullable: true })
  rsvp: RsvpResponse | null;
  /** Null when nothing was recorded. */
  attendance: AttendanceRecord | null;
}

/** The register in name order: everyone invited and everyone who came. */
export class RegisterPage extends PageOf(RegisterLineView) {
  /** How many came (not withdrawn). */
  attended: number;
}

/** What a bulk marking did. */
export class MarkManyResult {
  /** Newly marked as come. */
  marked: number;
  /** Withdrawn before, counted again. */
  restored: number;
  /** Already marked. */
  already: number;
}

/** The code members type to check themselves in, and when it works. */
export class CheckInCode {
  /** Six letters and digits. */
  code: string;
  /** The meeting's start. */
  opensAt: string;
  /** An hour after the meeting's end. */
  closesAt: string;
  /** Whether it works now. */
  open: boolean;
}

/** The caller's own attendance of a meeting. */
export class MyAttendance {
  meetingId: string;
  attended: boolean;
  @ApiProperty({ enum: ATTENDANCE_SOURCES })
  source: AttendanceSource;
  recordedAt: string;
  certificateNumber: string | null;
}
