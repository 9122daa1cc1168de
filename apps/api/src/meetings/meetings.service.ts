import {
  ConflictException,
  ForbiddenException,
  GoneException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { AuthenticatedMember, isSecretariat } from '@seg/auth';
import { FieldError, InvalidFieldsException, invalidField, KeysetPages, Page } from '@seg/http';
import { Clock, meetingIsOver, minutesOfHours, parseDateTime, todayInLondon, toLondonIso } from '@seg/rules';
import { DB, Database, MEMBERSHIP_ENDED, RsvpResponse, RsvpSource } from '@seg/db';
import { InvitationReplies, ReplyRefusal } from '@seg/records';
import { MeetingReminders, NoticeDelivery, NoticeOutbox } from '@seg/notices';
import { Actor, AuditTrail } from '@seg/audit';
import { erasedRecordConflict } from '@seg/privacy';
import { RegionalRights } from '../regions/regional-rights.service';
import { RegionRow, RegionsService } from '../regions/regions.service';
import { CreateMeetingDto } from './dto/create-meeting.dto';
import { AudienceDto } from './dto/invite.dto';
import { ListMeetingsQuery } from './dto/list-meetings.query';
import { ResendNoticesDto } from './dto/resend-notices.dto';
import { RsvpReply } from './dto/rsvp.dto';
import { UpdateMeetingDto } from './dto/update-meeting.dto';
import { InvitePreview, InviteResult, MeetingView, ResendResult } from './dto/meeting-view.dto';
import { meetingNotFound, toMeetingView } from './meeting.view';
import { actingAs, MeetingAccess, RunnableMeeting } from './meeting-access.service';
import { AudienceLookupsRepository } from './audience-lookups.repository';
import { InvitationContext, InvitationsRepository, ResolvedAudience } from './invitations.repository';
import { MeetingRow, MeetingsRepository, MeetingWithRegion } from './meetings.repository';

export type { InvitationContext };

/** Changes to these fields are what invitees must hear about: they raise the revision. */
const NOTIFIED_FIELDS = ['startsAt', 'endsAt', 'venue', 'onlineUrl'] as const;

@Injectable()
export class MeetingsService {
  private readonly logger = new Logger(MeetingsService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly meetings: MeetingsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly lookups: AudienceLookupsRepository,
    private readonly outbox: NoticeOutbox,
    private readonly reminders: MeetingReminders,
    private readonly audit: AuditTrail,
    private readonly pages: KeysetPages,
    private readonly access: MeetingAccess,
    private readonly rights: RegionalRights,
    private readonly regions: RegionsService,
    private readonly delivery: NoticeDelivery,
    private readonly replies: InvitationReplies,
    private readonly clock: Clock,
  ) {}

  /** The secretariat calls any meeting; a representative, regional meetings of a region they represent. */
  async create(dto: CreateMeetingDto, member: AuthenticatedMember, actor: Actor): Promise<MeetingView> {
    const startsAt = parseDateTime(dto.startsAt)!;
    const endsAt = parseDateTime(dto.endsAt)!;
    checkTimes(startsAt, endsAt);
    let region = dto.regionCode ? await this.regionByCode(dto.regionCode) : null;
    if (!isSecretariat(member)) {
      const posts = await this.rights.postsOf(member.id);
      if (!posts.length)
        throw new ForbiddenException('Only the secretariat or a representative of a region may call a meeting');
      if (dto.kind !== 'regional')
        throw new ForbiddenException('A representative calls regional meetings only: kind must be regional');
      if (!region) {
        const represented = new Set(posts.map((p) => p.regionId));
        if (represented.size > 1) throw invalidField('regionCode', 'name the region: you represent more than one');
        region = (await this.regions.byId(posts[0].regionId))!;
      }
    }
    const authority = await this.rights.require(member, region, 'call its meetings');
    const meeting = await this.db.transaction(async (tx) => {
      const row = await this.meetings.create(tx, {
        title: dto.title.trim(),
        kind: dto.kind,
        agenda: dto.agenda ?? null,
        startsAt,
        endsAt,
        venue: dto.venue ?? null,
        onlineUrl: dto.onlineUrl ?? null,
        regionId: region?.id ?? null,
        createdById: actor.memberId,
        cpdMinutes: dto.cpdHours ? minutesOfHours(dto.cpdHours) : null,
        learningOutcomes: dto.learningOutcomes ?? [],
      });
      await this.audit.record(tx, actingAs(actor, authority), {
        entity: 'meeting',
        entityId: row.id,
        action: 'create',
        after: row,
      });
      return row;
    });
    return toMeetingView(inRegion(meeting, region), true, this.clock.now());
  }

  async list(query: ListMeetingsQuery, viewer: AuthenticatedMember): Promise<Page<MeetingView>> {
    // Upcoming and past run in opposite orders: a cursor of one is no cursor of the other.
    const request = this.pages.open<[sortKey: string, id: string]>(`meetings:${query.when ?? 'all'}`, query, [
      'string',
      'string',
    ]);
    const after = request.after;
    let regionId: string | undefined;
    if (query.region) {
      const region = await this.regions.forFilter(query.region);
      await this.rights.require(viewer, region, 'list its meetings');
      regionId = region.id;
    }
    const runs = await this.access.regionsRunBy(viewer);
    const now = this.clock.now();
    const { rows, total } = await this.meetings.list({
      // A region's meetings are listed whole to those who run them.
      invitedMemberId: isSecretariat(viewer) || regionId ? null : viewer.id,
      regionId,
      viewerId: viewer.id,
      when: query.when,
      now,
      kind: query.kind,
      after: after ? { sortKey: after[0], id: after[1] } : undefined,
      limit: request.fetch,
    });
    return request.page(
      rows,
      total,
      (r) => [r.sortKey, r.id],
      (r) => toMeetingView(r, mayRun(runs, r), now, r.rsvp),
    );
  }

  async get(id: string, viewer: AuthenticatedMember): Promise<MeetingView> {
    const meeting = await this.meetings.getWithRsvp(id, viewer.id);
    const runs = meeting ? mayRun(await this.access.regionsRunBy(viewer), meeting) : false;
    // A member is told nothing of meetings they are not invited to, not even that they exist.
    if (!meeting || (!runs && !meeting.rsvp && !meeting.summitNumber)) throw meetingNotFound();
    return toMeetingView(meeting, runs, this.clock.now(), meeting.rsvp);
  }

  async update(id: string, dto: UpdateMeetingDto, member: AuthenticatedMember, given: Actor): Promise<MeetingView> {
    const { meeting: found, authority, actor } = await this.access.toRun(id, member, given, 'change this meeting');
    let region: RegionRow | null | undefined;
    if (dto.regionCode !== undefined) region = dto.regionCode === null ? null : await this.regionByCode(dto.regionCode);
    // A representative's meeting stays a regional meeting of a region they represent.
    if (authority.by === 'post') {
      if (dto.kind && dto.kind !== 'regional')
        throw new ForbiddenException('A representative runs regional meetings only: kind must stay regional');
      if (region === null)
        throw new ForbiddenException(
          "A representative's meeting stays with a region they represent: regionCode cannot be cleared",
        );
      if (region) await this.rights.require(member, region, 'move a meeting into it');
    }
    const { meeting, refs, before } = await this.db.transaction(async (tx) => {
      const current = await this.meetings.lockById(tx, id);
      if (!current) throw meetingNotFound();
      if (current.status === 'cancelled')
        throw new ConflictException('The meeting is cancelled and can no longer change');
      if (current.summitNumber && !current.startsAt && (dto.startsAt || dto.endsAt)) {
        throw invalidField('startsAt', 'an archived summit keeps its recorded year only');
      }

      const changes: Partial<MeetingRow> = {};
      if (dto.title) changes.title = dto.title.trim();
      if (dto.kind) changes.kind = dto.kind;
      if (dto.agenda !== undefined) changes.agenda = dto.agenda;
      if (dto.startsAt) changes.startsAt = parseDateTime(dto.startsAt)!;
      if (dto.endsAt) changes.endsAt = parseDateTime(dto.endsAt)!;
      if (dto.venue !== undefined) changes.venue = dto.venue;
      if (dto.onlineUrl !== undefined) changes.onlineUrl = dto.onlineUrl;
      if (region !== undefined) changes.regionId = region?.id ?? null;
      if (dto.cpdHours !== undefined) changes.cpdMinutes = dto.cpdHours === null ? null : minutesOfHours(dto.cpdHours);
      if (dto.learningOutcomes !== undefined) changes.learningOutcomes = dto.learningOutcomes;
      const next = { ...current, ...changes };
      if (next.startsAt && next.endsAt) checkTimes(next.startsAt, next.endsAt);

      const changed = NOTIFIED_FIELDS.filter((f) => !sameValue(current[f], next[f]));
      const notify = current.status === 'scheduled' && changed.length > 0;
      const updated = await this.meetings.update(tx, id, {
        ...changes,
        ...(notify ? { revision: current.revision + 1 } : {}),
      });
      // The update email says what each changed field was: "was 10:00 to 12:00".
      const was = Object.fromEntries(changed.map((f) => [f, current[f]]));
      const refs = notify ? await this.outbox.addToInvitees(tx, 'meeting-update', id, updated.revision, { was }) : [];
      await this.audit.record(tx, actor, {
        entity: 'meeting',
        entityId: id,
        action: 'update',
        before: current,
        after: updated,
      });
      return { meeting: updated, refs, before: current };
    });
    this.outbox.dispatchSoon(refs);
    if (meeting.revision !== before.revision) {
      await this.dropReminder(id, before.revision);
      await this.planReminder(meeting);
    }
    return toMeetingView(
      region === undefined
        ? { ...meeting, regionCode: found.regionCode, regionName: found.regionName }
        : inRegion(meeting, region),
      true,
      this.clock.now(),
    );
  }

  /**
   * Invites the audience: one transaction under the meeting's row lock writes the invitations
   * and their notices set-based. Two concurrent calls take the lock in turn, and the second's
   * statement, begun after the first committed, sees whom the first invited: nobody is invited
   * twice. The notices are queued after the answer; whatever that misses, the worker's relay queues.
   */
  async invite(id: string, audience: AudienceDto, member: AuthenticatedMember, given: Actor): Promise<InviteResult> {
    const run = await this.access.toRun(id, member, given, 'invite people to this meeting');
    const resolved = await this.resolveAudience(audience, run);
    const actor = run.actor;
    const { result, meeting, refs } = await this.db.transaction(async (tx) => {
      const current = await this.meetings.lockById(tx, id);
      if (!current) throw meetingNotFound();
      if (current.status === 'cancelled') throw new ConflictException('The meeting is cancelled');
      if (meetingIsOver(current, this.clock.now())) throw new ConflictException('The meeting is over');
      if (!current.venue && !current.onlineUrl)
        throw invalidField('venue', 'give the meeting a venue or an online link before inviting anyone');
      const meeting =
        current.status === 'draft' ? await this.meetings.update(tx, id, { status: 'scheduled' }) : current;
      const written = await this.invitations.invite(tx, id, meeting.revision, resolved, actor.memberId);
      const { wouldInvite, alreadyInvited, ...skipped } = written.tally;
      const result: InviteResult = { invited: wouldInvite, alreadyInvited, skipped };
      await this.audit.record(tx, actor, {
        entity: 'meeting',
        entityId: id,
        action: 'invite',
        before: current.status === 'draft' ? { status: 'draft' } : undefined,
        after: { audience, ...result, status: meeting.status },
      });
      return { result, meeting, refs: written.notices };
    });
    await this.planReminder(meeting);
    this.outbox.dispatchSoon(refs);
    return result;
  }

  /** Counts the audience as `invite` would, with the same query; changes nothing. */
  async previewInvite(
    id: string,
    audience: AudienceDto,
    member: AuthenticatedMember,
    given: Actor,
  ): Promise<InvitePreview> {
    const resolved = await this.resolveAudience(
      audience,
      await this.access.toRun(id, member, given, 'invite people to this meeting'),
    );
    const { wouldInvite, alreadyInvited, ...skipped } = await this.invitations.previewInvite(id, resolved);
    const estimate = await this.delivery.estimate(wouldInvite);
    return {
      wouldInvite,
      alreadyInvited,
      skipped,
      delivery: { ...estimate, lastGoesAt: toLondonIso(estimate.lastGoesAt) },
    };
  }

  async cancel(id: string, member: AuthenticatedMember, given: Actor): Promise<MeetingView> {
    const { meeting: found, actor } = await this.access.toRun(id, member, given, 'cancel this meeting');
    const outcome = await this.db.transaction(async (tx) => {
      const current = await this.meetings.lockById(tx, id);
      if (!current) throw meetingNotFound();
      if (current.status === 'cancelled') return { meeting: current, refs: [], before: null };
      if (meetingIsOver(current, this.clock.now())) throw new ConflictException('The meeting is over');
      const cancelled = await this.meetings.update(tx, id, {
        status: 'cancelled',
        cancelledAt: new Date(),
        revision: current.status === 'scheduled' ? current.revision + 1 : current.revision,
      });
      const refs = await this.outbox.addToInvitees(tx, 'meeting-cancellation', id, cancelled.revision);
      await this.audit.record(tx, actor, {
        entity: 'meeting',
        entityId: id,
        action: 'cancel',
        before: current,
        after: cancelled,
      });
      return { meeting: cancelled, refs, before: current };
    });
    this.outbox.dispatchSoon(outcome.refs);
    if (outcome.before) await this.dropReminder(id, outcome.before.revision);
    return toMeetingView(
      { ...outcome.meeting, regionCode: found.regionCode, regionName: found.regionName },
      true,
      this.clock.now(),
    );
  }

  async resendNotices(
    id: string,
    dto: ResendNoticesDto,
    member: AuthenticatedMember,
    given: Actor,
  ): Promise<ResendResult> {
    const { actor } = await this.access.toRun(id, member, given, 'follow this meeting');
    const refs = await this.db.transaction(async (tx) => {
      const current = await this.meetings.lockById(tx, id);
      if (!current) throw meetingNotFound();
      const refs = await this.outbox.requeueFailed(tx, id, dto.noticeIds ?? null);
      if (refs.length) {
        await this.audit.record(tx, actor, {
          entity: 'meeting',
          entityId: id,
          action: 'resend-notices',
          after: { noticeIds: refs.map((r) => r.id) },
        });
      }
      return refs;
    });
    this.outbox.dispatchSoon(refs);
    return { requeued: refs.length };
  }

  /** An invitation as its RSVP link shows it, whatever the state of the meeting or the member; null when there is none. */
  invitationForLink(invitationId: string): Promise<InvitationContext | null> {
    return this.invitations.getInvitationContext(invitationId);
  }

  /**
   * Records a reply through `InvitationReplies`, the one writer the worker's calendar replies use
   * too; a refusal is answered in its words: 404, 410 when the membership ended (as every emailed
   * link), else 409.
   */
  async recordRsvp(
    invitationId: string,
    response: RsvpReply,
    source: RsvpSource,
    requestId: string | null,
  ): Promise<{ response: RsvpResponse; respondedAt: Date | null; meeting: MeetingRow }> {
    const outcome = await this.replies.record(invitationId, { response, source, requestId });
    if (!outcome.recorded) throw refusedReply(outcome.refusal);
    return { response: outcome.response, respondedAt: outcome.respondedAt, meeting: outcome.meeting };
  }

  async rsvpAsMember(
    meetingId: string,
    member: AuthenticatedMember,
    response: RsvpReply,
    requestId: string | null,
  ): Promise<MeetingView> {
    const invitationId = await this.invitations.findInvitationId(meetingId, member.id);
    if (!invitationId) throw meetingNotFound();
    const saved = await this.recordRsvp(invitationId, response, 'web', requestId);
    const meeting = (await this.meetings.getWithRegion(meetingId))!;
    return toMeetingView(
      { ...meeting, ...saved.meeting },
      mayRun(await this.access.regionsRunBy(member), meeting),
      this.clock.now(),
      saved.response,
    );
  }

  /** A region named by code for a meeting: 400 when unknown or merged away. */
  private async regionByCode(code: string): Promise<RegionRow> {
    const region = await this.regions.forRecord(code, 'regionCode');
    if ('field' in region) throw new InvalidFieldsException([region]);
    return region;
  }

  /**
   * Codes to ids, unknown ones refused (400). A representative's audience must lie inside the
   * meeting's region: a wider part is refused (403, each part named) and nobody is invited;
   * categories are narrowed to the region's members.
   */
  private async resolveAudience(audience: AudienceDto, run: RunnableMeeting): Promise<ResolvedAudience> {
    const regionCodes = unique(audience.regions ?? []);
    const categoryCodes = unique(audience.categories ?? []);
    const memberIds = unique((audience.memberIds ?? []).map((id) => id.toLowerCase()));
    if (!audience.all && !audience.reps && !regionCodes.length && !categoryCodes.length && !memberIds.length) {
      throw invalidField('audience', 'name at least one of all, reps, regions, categories or memberIds');
    }
    const [regionIds, categoryIds, knownMembers] = await Promise.all([
      this.lookups.findRegionIds(regionCodes),
      this.lookups.findCategoryIds(categoryCodes),
      this.lookups.findMemberRegions(memberIds),
    ]);
    const errors: FieldError[] = [];
    (audience.regions ?? []).forEach((code, i) => {
      if (!regionIds.has(code))
        errors.push({ field: `audience.regions[${i}]`, message: `no region has the code "${code}"` });
    });
    (audience.categories ?? []).forEach((code, i) => {
      if (!categoryIds.has(code))
        errors.push({ field: `audience.categories[${i}]`, message: `no category has the code "${code}"` });
    });
    (audience.memberIds ?? []).forEach((id, i) => {
      if (!knownMembers.has(id.toLowerCase()))
        errors.push({ field: `audience.memberIds[${i}]`, message: `no member has the id ${id}` });
    });
    if (errors.length) throw new InvalidFieldsException(errors.slice(0, 100));
    const erased = await this.lookups.findErased([...knownMembers.keys()]);
    const erasedAt = (audience.memberIds ?? []).findIndex((id) => erased.has(id.toLowerCase()));
    if (erasedAt >= 0) throw erasedRecordConflict(`audience.memberIds[${erasedAt}]`);
    const withinRegionId = run.authority.by === 'post' ? run.meeting.regionId : null;
    if (withinRegionId) {
      const name = run.meeting.regionName!;
      const outside: FieldError[] = [];
      if (audience.all) outside.push({ field: 'audience.all', message: `is every member, not only those of ${name}` });
      if (audience.reps)
        outside.push({ field: 'audience.reps', message: `is every representative, not only those of ${name}` });
      (audience.regions ?? []).forEach((code, i) => {
        if (regionIds.get(code) !== withinRegionId)
          outside.push({ field: `audience.regions[${i}]`, message: `"${code}" is not ${name}` });
      });
      (audience.memberIds ?? []).forEach((id, i) => {
        if (knownMembers.get(id.toLowerCase()) !== withinRegionId)
          outside.push({ field: `audience.memberIds[${i}]`, message: `${id} is not a member of ${name}` });
      });
      if (outside.length) {
        throw new ForbiddenException({
          message: `A representative of ${name} invites members of ${name} only; outside it: ${outside.map((o) => o.field).join(', ')}`,
          details: outside.slice(0, 100),
        });
      }
    }
    return {
      all: audience.all === true,
      reps: audience.reps === true,
      regionIds: [...regionIds.values()],
      categoryIds: [...categoryIds.values()],
      memberIds: [...knownMembers.keys()],
      withinRegionId,
      today: todayInLondon(this.clock.now()),
    };
  }

  /** The reminder of the meeting's current revision, unless its time has already passed. */
  private async planReminder(meeting: MeetingRow): Promise<void> {
    try {
      await this.reminders.plan(meeting);
    } catch (err) {
      this.logger.warn({ err, meetingId: meeting.id }, 'Could not plan the reminder');
    }
  }

  private async dropReminder(meetingId: string, revision: number): Promise<void> {
    try {
      await this.reminders.drop(meetingId, revision);
    } catch (err) {
      // The reminder job checks the meeting's status and revision before sending anything.
      this.logger.warn({ err, meetingId }, 'Could not drop the old reminder');
    }
  }
}

function refusedReply(refusal: ReplyRefusal): Error {
  if (refusal.reason === 'no-invitation') return new NotFoundException(refusal.message);
  if (refusal.reason === 'membership-ended') return new GoneException(MEMBERSHIP_ENDED);
  return new ConflictException(refusal.message);
}

function inRegion(meeting: MeetingRow, region: Pick<RegionRow, 'code' | 'name'> | null): MeetingWithRegion {
  return { ...meeting, regionCode: region?.code ?? null, regionName: region?.name ?? null };
}

function mayRun(runs: Set<string> | 'all', meeting: Pick<MeetingRow, 'regionId'>): boolean {
  return runs === 'all' || (meeting.regionId !== null && runs.has(meeting.regionId));
}

function checkTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw invalidField('endsAt', 'must be after startsAt');
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
