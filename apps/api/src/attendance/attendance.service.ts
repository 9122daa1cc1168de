import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor, AuditChange, AuditTrail } from '@seg/audit';
import { AuthenticatedMember } from '@seg/auth';
import { Database, DB, Executor } from '@seg/db';
import { FieldError, InvalidFieldsException, invalidField, KeysetPages, PageQuery } from '@seg/http';
import {
  checkInWindow,
  Clock,
  formatLondon,
  hasStarted,
  newCheckInCode,
  readCheckInCode,
  RSVP_WORDING,
  toLondonIso,
} from '@seg/rules';
import { MeetingAccess } from '../meetings/meeting-access.service';
import { csvCell } from '../meetings/meeting-follow-up.service';
import { meetingNotFound } from '../meetings/meeting.view';
import { MeetingRow, MeetingsRepository } from '../meetings/meetings.repository';
import { InvitationsRepository } from '../meetings/invitations.repository';
import { AttendanceRegisterRepository, AttendanceRow, RegisterLine } from './attendance-register.repository';
import { MarkManyDto } from './dto/attendance.dto';
import {
  AttendanceRecord,
  CheckInCode,
  MarkManyResult,
  MyAttendance,
  RegisterLineView,
  RegisterPage,
} from './dto/attendance-views.dto';
import { CheckInThrottle } from './check-in-throttle';

/**
 * Who came to a meeting: marked by its organiser (the secretariat, or a representative of its
 * region) once it has started, or by the member's own check-in with the code shown in the room.
 * Every change is audited in the transaction that makes it, under the meeting's row lock.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly register: AttendanceRegisterRepository,
    private readonly meetings: MeetingsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly access: MeetingAccess,
    private readonly audit: AuditTrail,
    private readonly pages: KeysetPages,
    private readonly throttle: CheckInThrottle,
    private readonly clock: Clock,
  ) {}

  /** One person came (or, as a correction, did not). */
  async markOne(
    meetingId: string,
    memberId: string,
    attended: boolean,
    viewer: AuthenticatedMember,
    given: Actor,
  ): Promise<RegisterLineView> {
    const { actor } = await this.access.toRun(meetingId, viewer, given, "mark the meeting's attendance");
    await this.db.transaction(async (tx) => {
      const meeting = await this.lockForMarking(tx, meetingId);
      const member = await this.register.attendee(tx, memberId);
      if (!member) throw new NotFoundException('No such member');
      const now = this.clock.now();
      const found = await this.register.find(tx, meetingId, memberId);
      if (attended) {
        if (found && !found.withdrawnAt) return;
        const [row] = found
          ? await this.register.restore(tx, [found.id], 'organiser', now)
          : await this.register.insert(tx, meeting.id, [memberId], 'organiser', now);
        await this.audit.record(tx, actor, change(row, found ? 'restore' : 'attend'));
      } else if (found && !found.withdrawnAt) {
        const row = (await this.register.withdraw(tx, found.id, now))!;
        await this.audit.record(tx, actor, change(row, 'withdraw'));
      }
    });
    const [line] = await this.register.lines(meetingId, 1, null, memberId);
    if (!line) throw new NotFoundException('The member is neither invited to the meeting nor recorded as attending it');
    return lineView(line);
  }

  /** Those named, and with `going` every invitee who replied Going, marked as come at once. */
  async markMany(
    meetingId: string,
    dto: MarkManyDto,
    viewer: AuthenticatedMember,
    given: Actor,
  ): Promise<MarkManyResult> {
    const named = [...new Set((dto.memberIds ?? []).map((id) => id.toLowerCase()))];
    if (!named.length && !dto.going) throw invalidField('memberIds', 'name at least one member, or give going: true');
    const { actor } = await this.access.toRun(meetingId, viewer, given, "mark the meeting's attendance");
    return this.db.transaction(async (tx) => {
      await this.lockForMarking(tx, meetingId);
      const known = await this.register.existingMembers(tx, named);
      const unknown: FieldError[] = [];
      (dto.memberIds ?? []).forEach((id, i) => {
        if (!known.has(id.toLowerCase()))
          unknown.push({ field: `memberIds[${i}]`, message: `no member has the id ${id}` });
      });
      if (unknown.length) throw new InvalidFieldsException(unknown.slice(0, 100));

      const going = dto.going ? await this.register.goingIds(tx, meetingId) : [];
      const existing = new Map(
        (await this.register.ofMembers(tx, meetingId, [...new Set([...named, ...going])])).map((a) => [a.memberId, a]),
      );
      const now = this.clock.now();
      const fresh = [...new Set([...named, ...going])].filter((id) => !existing.has(id));
      // A correction stands against "everyone going"; naming the member counts them again.
      const withdrawn = named.map((id) => existing.get(id)).filter((a): a is AttendanceRow => !!a?.withdrawnAt);
      const inserted = await this.register.insert(tx, meetingId, fresh, 'organiser', now);
      const restored = await this.register.restore(
        tx,
        withdrawn.map((a) => a.id),
        'organiser',
        now,
      );
      await this.audit.recordMany(tx, actor, [
        ...inserted.map((row) => change(row, 'attend')),
        ...restored.map((row) => change(row, 'restore')),
      ]);
      const counted = [...existing.values()].filter((a) => !a.withdrawnAt).length;
      return { marked: inserted.length, restored: restored.length, already: counted };
    });
  }

  /** The register, a page in name order: every invitee and every walk-in, with whether they came. */
  async registerPage(
    meetingId: string,
    query: PageQuery,
    viewer: AuthenticatedMember,
    actor: Actor,
  ): Promise<RegisterPage> {
    await this.access.toRun(meetingId, viewer, actor, "follow the meeting's attendance");
    const request = this.pages.open<[name: string, memberId: string]>(`meetings/${meetingId}/register`, query, [
      'string',
      'string',
    ]);
    const after = request.after;
    const [rows, counts] = await Promise.all([
      this.register.lines(meetingId, request.fetch, after ? { name: after[0], id: after[1] } : null),
      this.register.counts(meetingId),
    ]);
    return {
      ...request.page(rows, counts.people, (r) => [r.name, r.memberId], lineView),
      attended: counts.attended,
    };
  }

  /** Who came, for a spreadsheet: a row per attendee (withdrawn ones left out), in name order. */
  async attendeesCsv(meetingId: string, viewer: AuthenticatedMember, actor: Actor): Promise<string> {
    await this.access.toRun(meetingId, viewer, actor, "follow the meeting's attendance");
    const lines = [ATTENDEES_CSV_HEADER.join(',')];
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const rows = await this.register.lines(meetingId, CSV_BATCH, after);
      if (!rows.length) break;
      for (const r of rows) {
        if (!r.attendanceId || r.withdrawnAt) continue;
        lines.push(
          [
            r.name,
            r.categoryName ?? '',
            r.regionName ?? '',
            r.rsvp ? RSVP_WORDING[r.rsvp] : 'Not invited',
            SOURCE_IN_CSV[r.source!],
            formatLondon(r.recordedAt!),
            r.certificateNumber ?? '',
          ]
            .map(csvCell)
            .join(','),
        );
      }
      const last = rows[rows.length - 1];
      after = { name: last.name, id: last.memberId };
    }
    return lines.join('\r\n') + '\r\n';
  }

  /** The code for the room, made on first asking, with when it works. */
  async checkInCode(meetingId: string, viewer: AuthenticatedMember, actor: Actor): Promise<CheckInCode> {
    const { meeting } = await this.access.toRun(meetingId, viewer, actor, 'show its check-in code');
    if (meeting.status === 'cancelled') throw new ConflictException('The meeting is cancelled');
    const window = checkInWindow(meeting);
    if (!window) throw new ConflictException('The meeting has no date: nobody checks in to it');
    const code = meeting.checkInCode ?? (await this.register.checkInCode(meetingId, newCheckInCode()));
    const now = this.clock.now().getTime();
    return {
      code,
      opensAt: toLondonIso(window.opensAt),
      closesAt: toLondonIso(window.closesAt),
      open: now >= window.opensAt.getTime() && now < window.closesAt.getTime(),
    };
  }

  /**
   * An invitee checks themself in with the code shown in the room, from the meeting's start until
   * an hour after its end, once. A wrong code is a 400 and counts towards the member's limit.
   */
  async checkIn(
    meetingId: string,
    member: AuthenticatedMember,
    typed: string,
    requestId: string | null,
  ): Promise<MyAttendance> {
    const invitationId = await this.invitations.findInvitationId(meetingId, member.id);
    if (!invitationId) throw meetingNotFound();
    await this.throttle.check(meetingId, member.id);
    const row = await this.db.transaction(async (tx) => {
      const meeting = await this.meetings.lockById(tx, meetingId);
      if (!meeting) throw meetingNotFound();
      if (meeting.status === 'cancelled') throw new ConflictException('The meeting was cancelled');
      const window = checkInWindow(meeting);
      if (!window) throw new ConflictException('The meeting has no date: nobody checks in to it');
      const now = this.clock.now();
      if (now < window.opensAt)
        throw new ConflictException(`Check-in opens when the meeting starts, ${formatLondon(window.opensAt)}`);
      if (now >= window.closesAt)
        throw new ConflictException(
          `Check-in closed at ${formatLondon(window.closesAt)}: ask the organiser to mark your attendance`,
        );
      const code = readCheckInCode(typed);
      if (!code || code !== meeting.checkInCode) return null;
      const found = await this.register.find(tx, meetingId, member.id);
      if (found?.withdrawnAt)
        throw new ConflictException('The organiser recorded that you did not attend: ask them to correct it');
      if (found) throw new ConflictException('You are checked in already');
      const [created] = await this.register.insert(tx, meetingId, [member.id], 'check-in', now);
      await this.audit.record(tx, { memberId: member.id, requestId }, change(created, 'check-in'));
      return created;
    });
    if (!row) {
      await this.throttle.wrongCode(meetingId, member.id);
      throw invalidField('code', "is not this meeting's check-in code");
    }
    return {
      meetingId,
      attended: true,
      source: row.source,
      recordedAt: toLondonIso(row.recordedAt),
      certificateNumber: row.certificateNumber,
    };
  }

  /** Under the meeting's row lock: a meeting that is on and has started. */
  private async lockForMarking(tx: Executor, meetingId: string): Promise<MeetingRow> {
    const meeting = await this.meetings.lockById(tx, meetingId);
    if (!meeting) throw meetingNotFound();
    if (meeting.status === 'cancelled') throw new ConflictException('The meeting is cancelled: nobody attended it');
    if (!hasStarted(meeting, this.clock.now()))
      throw new ConflictException(
        `The meeting has not started: attendance is marked from its start, ${formatLondon(meeting.startsAt!)}`,
      );
    return meeting;
  }
}

/** An audit entry of an attendance: its meeting and member, never anything the member wrote. */
function change(row: AttendanceRow, action: string): AuditChange {
  return {
    entity: 'attendance',
    entityId: row.id,
    action,
    after: {
      meetingId: row.meetingId,
      memberId: row.memberId,
      source: row.source,
      recordedAt: row.recordedAt,
      withdrawnAt: row.withdrawnAt,
    },
  };
}

function recordView(line: RegisterLine): AttendanceRecord | null {
  if (!line.attendanceId) return null;
  return {
    attended: !line.withdrawnAt,
    source: line.source!,
    recordedAt: toLondonIso(line.recordedAt!),
    withdrawnAt: line.withdrawnAt ? toLondonIso(line.withdrawnAt) : null,
    certificateNumber: line.certificateNumber,
  };
}

function lineView(line: RegisterLine): RegisterLineView {
  return {
    member: {
      id: line.memberId,
      name: line.name,
      region: line.regionCode,
      regionName: line.regionName,
      category: line.categoryCode,
      categoryName: line.categoryName,
    },
    rsvp: line.rsvp,
    attendance: recordView(line),
  };
}

const ATTENDEES_CSV_HEADER = ['name', 'category', 'region', 'reply', 'recorded by', 'recorded', 'certificate'];
const SOURCE_IN_CSV = { organiser: 'Organiser', 'check-in': 'Own check-in', import: 'Import' } as const;
// Read per statement for the download: a summit's register in a few round trips.
const CSV_BATCH = 1000;
