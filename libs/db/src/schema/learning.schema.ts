import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { meetings } from './meetings.schema';
import { members } from './members.schema';
import { timestamps } from './reference.schema';

/**
 * How an attendance came to be recorded: marked by the organiser (from the invitee list, or a
 * walk-in added by name), the member's own check-in with the code shown in the room, or the
 * secretariat's import of a summit's past attendance. Who did it is in the audit log.
 */
export const ATTENDANCE_SOURCES = ['organiser', 'check-in', 'import'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/**
 * One member came to one meeting: what a certificate of attendance rests on. A correction
 * withdraws it (the row and its certificate number stay, so the verification page says
 * "withdrawn"); marking it again restores it. Removed with its meeting's age by the retention run.
 */
export const attendance = pgTable(
  'attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    source: text('source').$type<AttendanceSource>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    // Random and unguessable: the public verification page answers a name for it. Null once the
    // member is erased, so nothing held any longer points back at them.
    certificateNumber: text('certificate_number').unique(),
    // When the certificate's email was written to the outbox (after the meeting closed); null until then.
    certificateEmailedAt: timestamp('certificate_emailed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    unique('attendance_meeting_member_key').on(t.meetingId, t.memberId),
    index('attendance_member_idx').on(t.memberId),
    // The worker's sweep for certificates to email: few rows wait at any time.
    index('attendance_certificate_due_idx')
      .on(t.meetingId)
      .where(sql`${t.certificateEmailedAt} is null and ${t.withdrawnAt} is null and ${t.source} <> 'import'`),
    check('attendance_source_check', sql`${t.source} in ('organiser', 'check-in', 'import')`),
  ],
);

/**
 * A member's private reflection on a meeting they attended (what they learnt, what they will
 * change). Read and written only by the member's own learning routes: never shown to the
 * secretariat or an organiser, never in the audit log; it goes with the attendance.
 */
export const reflections = pgTable('reflections', {
  attendanceId: uuid('attendance_id')
    .primaryKey()
    .references(() => attendance.id, { onDelete: 'cascade' }),
  learnt: text('learnt'),
  willChange: text('will_change'),
  ...timestamps,
});

/**
 * Learning a member did outside the network, entered by them for their appraisal: private to
 * them as their reflections are, and gone with erasure.
 */
export const learningEntries = pgTable(
  'learning_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    learnt: text('learnt'),
    willChange: text('will_change'),
    ...timestamps,
  },
  (t) => [
    index('learning_entries_member_idx').on(t.memberId, t.occurredOn),
    check('learning_entries_minutes_check', sql`${t.minutes} > 0 and ${t.minutes} <= 6000`),
  ],
);
