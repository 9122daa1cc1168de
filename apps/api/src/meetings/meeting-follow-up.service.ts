import { Injectable } from '@nestjs/common';
import { Clock, formatLondon, RSVP_WORDING, todayInLondon, toLondonIso } from '@seg/rules';
import { KeysetPages, PageQuery } from '@seg/http';
import { AuthenticatedMember } from '@seg/auth';
import { NoticeDelivery } from '@seg/notices';
import { Actor } from '@seg/audit';
import type { RsvpSource } from '@seg/db';
import { visibleContacts } from '@seg/rules';
import { Attendance, AttendanceGroup, InvitationsPage, NoticeState, RsvpCounts } from './dto/invitation-views.dto';
import { MeetingAccess } from './meeting-access.service';
import { AttendanceRepository, AttendanceRow, AttendedRow } from './attendance.repository';
import { InviteeRow, InvitationsRepository } from './invitations.repository';

/**
 * What those who run a meeting follow after sending: replies and the delivery of every notice.
 * A representative sees an invitee's email only as the invitee chose, as in the directory.
 */
@Injectable()
export class MeetingFollowUpService {
  constructor(
    private readonly invitationRows: InvitationsRepository,
    private readonly attendanceRows: AttendanceRepository,
    private readonly pages: KeysetPages,
    private readonly delivery: NoticeDelivery,
    private readonly access: MeetingAccess,
    private readonly clock: Clock,
  ) {}

  async invitations(
    meetingId: string,
    query: PageQuery,
    viewer: AuthenticatedMember,
    actor: Actor,
  ): Promise<InvitationsPage> {
    const { meeting } = await this.access.toRun(meetingId, viewer, actor, 'follow its replies');
    const request = this.pages.open<[name: string, invitationId: string]>(`meetings/${meetingId}/invitations`, query, [
      'string',
      'string',
    ]);
    const after = request.after;
    const [rows, rsvps, noticeCounts, schedule] = await Promise.all([
      this.invitationRows.listInvitees(
        meetingId,
        todayInLondon(this.clock.now()),
        request.fetch,
        after ? { name: after[0], id: after[1] } : null,
      ),
      this.attendanceRows.countRsvps(meetingId),
      this.delivery.countOfMeeting(meetingId),
      this.delivery.scheduleOfMeeting(meetingId),
    ]);
    const page = rows.slice(0, request.size);
    const notices = await this.delivery.ofInvitations(page.map((r) => r.invitationId));
    const byInvitation = new Map<string, NoticeState[]>();
    for (const n of notices) {
      const list = byInvitation.get(n.invitationId!) ?? [];
      list.push({
        id: n.id,
        kind: n.kind,
        revision: n.revision,
        status: n.status,
        attempts: n.attempts,
        lastError: n.lastError,
        notBefore: n.status === 'queued' && n.notBefore ? toLondonIso(n.notBefore) : null,
        messageId: n.messageId,
        queuedAt: toLondonIso(n.createdAt),
        sentAt: n.sentAt ? toLondonIso(n.sentAt) : null,
      });
      byInvitation.set(n.invitationId!, list);
    }
    const totals = rsvpCounts(rsvps);
    return {
      ...request.page(
        rows,
        totals.invitees,
        (r) => [r.name, r.invitationId],
        (r) => ({
          invitationId: r.invitationId,
          member: {
            id: r.memberId,
            name: r.name,
            email: emailShown(r, viewer),
            region: r.regionCode,
            regionName: r.regionName,
            category: r.categoryCode,
            categoryName: r.categoryName,
            emailStatus: r.emailStatus,
          },
          rsvp: r.rsvp,
          respondedAt: r.respondedAt ? toLondonIso(r.respondedAt) : null,
          rsvpSource: r.rsvpSource,
          answersEarlierRevision: r.rsvpRevision !== null && r.rsvpRevision < meeting.revision,
          counterProposal: r.counterProposal,
          invitedAt: toLondonIso(r.invitedAt),
          notices: byInvitation.get(r.invitationId) ?? [],
        }),
      ),
      totals: {
        ...totals,
        notices: {
          queued: noticeCounts.queued ?? 0,
          sent: noticeCounts.sent ?? 0,
          failed: noticeCounts.failed ?? 0,
          bounced: noticeCounts.bounced ?? 0,
          suppressed: noticeCounts.suppressed ?? 0,
          laterDays: schedule.laterDays,
          lastGoesAt: schedule.lastGoesAt ? toLondonIso(schedule.lastGoesAt) : null,
        },
      },
    };
  }

  /** Every invitee as a spreadsheet row, by name: who they are, their reply, and their last notice. */
  async invitationsCsv(meetingId: string, viewer: AuthenticatedMember, actor: Actor): Promise<string> {
    const { meeting } = await this.access.toRun(meetingId, viewer, actor, 'follow its replies');
    const lines = [INVITEES_CSV_HEADER.join(',')];
    const today = todayInLondon(this.clock.now());
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const rows = await this.invitationRows.listInvitees(meetingId, today, CSV_BATCH, after);
      if (!rows.length) break;
      const lastNotice = new Map<string, { kind: string; status: string; lastError: string | null; createdAt: Date }>();
      for (const n of await this.delivery.ofInvitations(rows.map((r) => r.invitationId))) {
        const known = lastNotice.get(n.invitationId!);
        if (!known || n.createdAt >= known.createdAt) lastNotice.set(n.invitationId!, n);
      }
      for (const r of rows) {
        const notice = lastNotice.get(r.invitationId);
        lines.push(
          [
            r.name,
            emailShown(r, viewer) ?? '',
            r.categoryName ?? '',
            r.regionName ?? '',
            RSVP_WORDING[r.rsvp],
            r.respondedAt ? formatLondon(r.respondedAt) : '',
            r.rsvpSource ? REPLY_CAME_BY[r.rsvpSource] : '',
            r.rsvpRevision !== null && r.rsvpRevision < meeting.revision ? 'yes' : '',
            notice
              ? `${notice.kind.replace(/^meeting-/, '')} ${notice.status}${notice.lastError ? `: ${notice.lastError}` : ''}`
              : '',
          ]
            .map(csvCell)
            .join(','),
        );
      }
      const last = rows[rows.length - 1];
      after = { name: last.name, id: last.invitationId };
    }
    return lines.join('\r\n') + '\r\n';
  }

  /** Replies and attendance counted, in all and by the people's region and category. */
  async attendance(meetingId: string, viewer: AuthenticatedMember, actor: Actor): Promise<Attendance> {
    await this.access.toRun(meetingId, viewer, actor, 'follow its replies');
    const [rsvps, regions, categories, attendedRegions, attendedCategories] = await Promise.all([
      this.attendanceRows.countRsvps(meetingId),
      this.attendanceRows.attendanceByRegion(meetingId),
      this.attendanceRows.attendanceByCategory(meetingId),
      this.attendanceRows.attendedByRegion(meetingId),
      this.attendanceRows.attendedByCategory(meetingId),
    ]);
    return {
      meetingId,
      totals: { ...rsvpCounts(rsvps), attended: attendedRegions.reduce((n, r) => n + r.attended, 0) },
      byRegion: groups(regions, attendedRegions, 'No region'),
      byCategory: groups(categories, attendedCategories, 'No category'),
    };
  }
}

function emailShown(invitee: InviteeRow, viewer: AuthenticatedMember): string | null {
  return visibleContacts(
    {
      id: invitee.memberId,
      email: invitee.email,
      phone: null,
      emailVisibility: invitee.emailVisibility,
      phoneVisibility: 'secretariat',
      categoryPrivate: invitee.categoryPrivate ?? false,
      isCurrentRep: invitee.isCurrentRep,
    },
    viewer,
  ).email;
}

function rsvpCounts(counts: Record<string, number>): RsvpCounts {
  const accepted = counts.accepted ?? 0;
  const tentative = counts.tentative ?? 0;
  const declined = counts.declined ?? 0;
  const noReply = counts['needs-action'] ?? 0;
  return { invitees: accepted + tentative + declined + noReply, accepted, tentative, declined, noReply };
}

/** Each group's replies and attendance; a group of walk-ins only (nobody invited) has no replies. */
function groups(rows: AttendanceRow[], attended: AttendedRow[], unnamed: string): AttendanceGroup[] {
  const byCode = new Map<string | null, { name: string; counts: Record<string, number>; attended: number }>();
  const group = (code: string | null, name: string | null) => {
    const found = byCode.get(code) ?? { name: name ?? unnamed, counts: {}, attended: 0 };
    byCode.set(code, found);
    return found;
  };
  for (const row of rows) group(row.code, row.name).counts[row.rsvp] = row.count;
  for (const row of attended) group(row.code, row.name).attended = row.attended;
  return [...byCode.entries()]
    .map(([code, g]) => ({ code, name: g.name, ...rsvpCounts(g.counts), attended: g.attended }))
    .sort((a, b) => Number(a.code === null) - Number(b.code === null) || a.name.localeCompare(b.name, 'en-GB'));
}

const INVITEES_CSV_HEADER = [
  'name',
  'email',
  'category',
  'region',
  'reply',
  'replied',
  'reply came by',
  'answered an earlier version',
  'last notice',
];
const REPLY_CAME_BY: Record<RsvpSource, string> = {
  link: 'the link in an email',
  web: 'the web',
  calendar: 'their calendar',
};
// Invitees read per statement for the download: a big meeting in a few round trips, in bounded memory.
const CSV_BATCH = 1000;

/** One table for a spreadsheet: a row per region, then per category, then the total. */
export function attendanceCsv(attendance: Attendance): string {
  const header = ['group', 'code', 'name', 'invitees', 'accepted', 'tentative', 'declined', 'noReply', 'attended'];
  const line = (group: string, code: string | null, name: string, c: RsvpCounts & { attended: number }) =>
    [group, code ?? '', name, c.invitees, c.accepted, c.tentative, c.declined, c.noReply, c.attended]
      .map(csvCell)
      .join(',');
  return (
    [
      header.join(','),
      ...attendance.byRegion.map((g) => line('region', g.code, g.name, g)),
      ...attendance.byCategory.map((g) => line('category', g.code, g.name, g)),
      line('total', null, 'Everyone', attendance.totals),
    ].join('\r\n') + '\r\n'
  );
}

/** A spreadsheet cell: quoted when it must be, never read as a formula. */
export function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would be read as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
