import { ApiProperty } from '@nestjs/swagger';

export const CERTIFICATE_STATES = ['valid', 'withdrawn'] as const;

/** What the public verification of a certificate confirms: the number, the name, the meeting and its date; nothing else. */
export class CertificateVerification {
  /** The number in its printed form (SEG-XXXX-XXXX-XXXX). */
  number: string;
  /** withdrawn: the organiser corrected the record, the person did not attend. */
  @ApiProperty({ enum: CERTIFICATE_STATES })
  status: (typeof CERTIFICATE_STATES)[number];
  /** The attendee's name. */
  name: string;
  /** The meeting's title. */
  meeting: string;
  /** When it was, for people ("Monday 12 May 2031, 14:00 to 16:00 BST", or an archived summit's year). */
  date: string;
}
