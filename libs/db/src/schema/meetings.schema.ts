import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { members } from './members.schema';
import { regions, timestamps } from './reference.schema';

export const MEETING_KINDS = ['hub', 'regional', 'summit', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATUSES = ['draft', 'scheduled', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const RSVP_RESPONSES = ['needs-action', 'accepted', 'tentative', 'declined'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];
/** How a reply reached us: the emailed RSVP link, the web app, or a calendar program's iTIP REPLY. */
export const RSVP_SOURCES = ['link', 'web', 'calendar'] as const;
export type RsvpSource = (typeof RSVP_SOURCES)[number];

/** A calendar program's COUNTER: another time the invitee proposes; shown, never applied. */
export interface CounterProposal {
  startsAt: string | null;
  endsAt: string | null;
  comment: string | null;
  receivedAt: string;
}

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    kind: text('kind').$type<MeetingKind>().notNull(),
    agenda: text('agenda'),
    // Null only for archived summits whose exact dates were never recorded (summitYear is set).
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    venue: text('venue'),
    onlineUrl: text('online_url'),
    status: text('status').$type<MeetingStatus>().notNull().default('draft'),
    // Rises with every change invitees must hear about; the iCalendar SEQUENCE.
    revision: integer('revision').notNull().default(0),
    summitNumber: integer('summit_number').unique(),
    summitYear: integer('summit_year'),
    theme: text('theme'),
    createdById: uuid('created_by_id').references(() => members.id),
    // The region a regional meeting belongs to: its representatives run it with the secretariat.
    regionId: uuid('region_id').references(() => regions.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    // The learning the meeting counts for (CPD), set by its organiser: minutes, and a short list of outcomes.
    cpdMinutes: integer('cpd_minutes'),
    learningOutcomes: text('learning_outcomes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // The short code shown in the room for members to check themselves in; made when first asked for.
    checkInCode: text('check_in_code'),
    ...timestamps,
  },
  (t) => [
    index('meetings_starts_at_idx').on(t.startsAt),
    index('meetings_region_idx').on(t.regionId),
    check('meetings_kind_check', sql`${t.kind} in ('hub', 'regional', 'summit', 'other')`),
    check('meetings_status_check', sql`${t.status} in ('draft', 'scheduled', 'cancelled')`),
    check('meetings_cpd_minutes_check', sql`${t.cpdMinutes} > 0 and ${t.cpdMinutes} <= 6000`),
    check(
      'meetings_when_check',
      sql`(${t.startsAt} is not null and ${t.endsAt} is not null and ${t.endsAt} > ${t.startsAt}) or (${t.startsAt} is null and ${t.endsAt} is null and ${t.summitYear} is not null)`,
    ),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    rsvp: text('rsvp').$type<RsvpResponse>().notNull().default('needs-action'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    rsvpSource: text('rsvp_source').$type<RsvpSource>(),
    // The meeting revision the reply answered: below the meeting's, it answered an earlier version.
    rsvpRevision: integer('rsvp_revision'),
    counterProposal: jsonb('counter_proposal').$type<CounterProposal>(),
    invitedById: uuid('invited_by_id').references(() => members.id),
    ...timestamps,
  },
  (t) => [
    unique('invitations_meeting_member_key').on(t.meetingId, t.memberId),
    index('invitations_member_idx').on(t.memberId),
    check('invitations_rsvp_check', sql`${t.rsvp} in ('needs-action', 'accepted', 'tentative', 'declined')`),
    check('invitations_rsvp_source_check', sql`${t.rsvpSource} in ('link', 'web', 'calendar')`),
  ],
);
