import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { conflictOn, FieldError, forbiddenOn, InvalidFieldsException } from '@seg/http';
import { accountActRefusal, accountChangeRefusal, Clock, todayInLondon } from '@seg/rules';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Database, DB, Executor, members, Role, Transaction } from '@seg/db';
import { NoticeRef } from '@seg/queue';
import { NoticeOutbox } from '@seg/notices';
import { Actor, AuditChange, AuditTrail } from '@seg/audit';
import { erasedRecordConflict, meetingTextFields, textDigest } from '@seg/privacy';
import { MemberStatuses } from '@seg/records';
import { AccountTokensService } from '../auth/account-tokens.service';
import { AuthService } from '../auth/auth.service';
import { CategoryRow } from '../categories/categories.repository';
import { CategoriesService } from '../categories/categories.service';
import { NoticeChoicesService } from '../notice-choices/notice-choices.service';
import { EstablishmentsService } from '../establishments/establishments.service';
import { RegionsService } from '../regions/regions.service';
import { CreateMemberDto } from './dto/create-member.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { ActivationSent, ErasureMention, MemberRecord } from './dto/member-record.dto';
import { memberRecord, memberSnapshot } from './member-record';
import { MemberRow, MembersRepository } from './members.repository';

type MemberValues = Partial<typeof members.$inferInsert>;

/** Fields that may be left out of a change but never emptied. */
const REQUIRED = ['email', 'name', 'category', 'role', 'status', 'contactVisibility', 'listed'] as const;

@Injectable()
export class MembersService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly members: MembersRepository,
    private readonly categories: CategoriesService,
    private readonly regions: RegionsService,
    private readonly establishments: EstablishmentsService,
    private readonly statuses: MemberStatuses,
    private readonly audit: AuditTrail,
    private readonly accountTokens: AccountTokensService,
    private readonly sessions: AuthService,
    private readonly outbox: NoticeOutbox,
    private readonly noticeChoices: NoticeChoicesService,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<MemberRecord> {
    const row = await this.members.loadRecord(id);
    if (!row) throw new NotFoundException('No such member');
    const mentions = row.member.erasedAt ? await this.erasureMentions(id) : [];
    return memberRecord(row, todayInLondon(this.clock.now()), this.config, mentions);
  }

  /** The places found at the member's erasure whose text nobody has edited since. */
  private async erasureMentions(id: string): Promise<ErasureMention[]> {
    const found = await this.members.erasureMentions(id);
    return found
      .filter(({ meeting, field, textDigest: digest }) => {
        const now = meetingTextFields(meeting).find((f) => f.field === field);
        return now !== undefined && textDigest(now.text) === digest;
      })
      .map(({ meeting, field, snippet }) => ({ meetingId: meeting.id, field, snippet }));
  }

  /** A new member, status invited; the activation email goes out once the member is saved. */
  async create(dto: CreateMemberDto, actor: Actor, actorRole: Role): Promise<MemberRecord> {
    const { id, notices } = await this.db.transaction((tx) => this.createIn(tx, dto, actor, actorRole));
    await this.outbox.dispatch(notices);
    return this.get(id);
  }

  /**
   * A new activation link for a member who has not activated yet (the first expired, or went to
   * a mistyped email since corrected); earlier links stop working.
   */
  async resendActivation(id: string, actor: Actor, actorRole: Role): Promise<ActivationSent> {
    const { email, notices } = await this.db.transaction(async (tx) => {
      const member = await this.members.lockById(tx, id);
      if (!member) throw new NotFoundException('No such member');
      if (member.erasedAt) throw erasedRecordConflict('id');
      const refusal = accountActRefusal(actorRole, member.role, { resendActivation: true });
      if (refusal) throw forbiddenOn('id', refusal);
      if (member.status !== 'invited')
        throw conflictOn('status', `is ${member.status}: only an invited member is sent an activation link`);
      await this.accountTokens.limitActivationResends(id);
      await this.audit.record(tx, actor, {
        entity: 'member',
        entityId: id,
        action: 'resend-activation',
        after: { email: member.email },
      });
      return { email: member.email, notices: await this.accountTokens.issueActivation(tx, member) };
    });
    await this.outbox.dispatch(notices);
    return { email };
  }

  /** The staff's change of a member, any field, role and status included (see `updateIn`). */
  async update(id: string, dto: UpdateMemberDto, actor: Actor, actorRole: Role): Promise<MemberRecord> {
    const notices = await this.db.transaction(
      async (tx) => (await this.updateIn(tx, id, dto, actor, actorRole)).notices,
    );
    await this.outbox.dispatch(notices);
    return this.get(id);
  }

  /** A member changing their own details: the DTO holds only the fields they may change. */
  async updateOwn(memberId: string, dto: UpdateMeDto, actor: Actor, actorRole: Role): Promise<MemberRecord> {
    const notices = await this.db.transaction(async (tx) => {
      const { noticePreferences, ...details } = dto;
      const { notices } = await this.updateIn(tx, memberId, details, actor, actorRole);
      if (noticePreferences) await this.noticeChoices.changeIn(tx, memberId, noticePreferences, actor);
      // Saving their details is saying they are right.
      await this.members.confirmDetails(tx, memberId);
      return notices;
    });
    await this.outbox.dispatch(notices);
    return this.get(memberId);
  }

  /**
   * A member says their details are still right (signed in, or from the email link). False when
   * the member is not current: their link no longer works.
   */
  async confirmDetails(memberId: string): Promise<boolean> {
    return (await this.members.confirmDetails(this.db, memberId)) !== null;
  }

  /**
   * Creates a member in the caller's transaction; the caller dispatches the notices after commit.
   * The actor gives a role up to their own (`accountActRefusal`).
   */
  async createIn(
    tx: Transaction,
    dto: CreateMemberDto,
    actor: Actor | null,
    actorRole: Role,
  ): Promise<{ id: string; notices: NoticeRef[] }> {
    const refusal = accountActRefusal(actorRole, null, { give: dto.role ?? 'member' });
    if (refusal) throw forbiddenOn('role', refusal);
    const { values, establishmentIds, category } = await this.resolve(tx, dto);
    if (await this.members.getByEmail(dto.email, tx)) throw conflictOn('email', 'is already the email of a member');
    // Patient / service-user representatives start with everything visible to the secretariat
    // only, and unlisted.
    const hidden = category?.contactsPrivateByDefault ? 'secretariat' : 'members';
    const member = await this.insertMember(tx, {
      emailVisibility: hidden,
      phoneVisibility: hidden,
      listed: !category?.contactsPrivateByDefault,
      ...values,
      status: 'invited',
    } as typeof members.$inferInsert);
    await this.members.setEstablishments(tx, member.id, establishmentIds ?? []);
    await this.audit.record(tx, actor, {
      entity: 'member',
      entityId: member.id,
      action: 'create',
      after: memberSnapshot(member, (establishmentIds ?? []).sort()),
    });
    // The activation link and its email, in this transaction.
    const notices = await this.accountTokens.issueActivation(tx, member);
    return { id: member.id, notices };
  }

  /**
   * Changes a member in the caller's transaction; the caller dispatches the notices after commit.
   * An active member's new email waits for the link sent to it (`issueEmailChange`); an invited
   * member's changes at once and a new activation link goes to it (the one sent to the old
   * address no longer works: its security stamp changed with the email). The row stays locked to the
   * end, so the rules checked on it hold: who may change the role, status or email
   * (`accountChangeRefusal`: only an admin gives or takes admin or changes an admin's status or
   * email), and that the last active admin stays one.
   */
  async updateIn(
    tx: Transaction,
    id: string,
    dto: UpdateMemberDto | UpdateMeDto,
    actor: Actor | null,
    actorRole: Role,
  ): Promise<{ member: MemberRow; notices: NoticeRef[] }> {
    const before = await this.members.lockById(tx, id);
    if (!before) throw new NotFoundException('No such member');
    if (before.erasedAt) throw erasedRecordConflict('id');
    const change = dto as UpdateMemberDto;
    const refusal = accountChangeRefusal(actorRole, before, change);
    if (refusal) throw forbiddenOn(refusal.field, refusal.message);
    const leavesAdmins =
      (change.role != null && change.role !== 'admin') || (change.status != null && change.status !== 'active');
    if (before.role === 'admin' && before.status === 'active' && leavesAdmins) {
      const admins = await this.members.lockActiveAdmins(tx);
      if (!admins.some((adminId) => adminId !== id)) {
        throw conflictOn(
          change.role != null && change.role !== 'admin' ? 'role' : 'status',
          'is the last active admin: make another member admin first',
        );
      }
    }
    const beforeEstablishments = await this.members.establishmentIds(id, tx);
    const { values, establishmentIds } = await this.resolve(tx, dto);
    if (values.email && values.email.toLowerCase() !== before.email.toLowerCase()) {
      const other = await this.members.getByEmail(values.email, tx);
      if (other && other.id !== id) throw conflictOn('email', 'is already the email of a member');
    }
    const newEmail = values.email && values.email.toLowerCase() !== before.email.toLowerCase() ? values.email : null;
    if (newEmail && before.status === 'active') delete values.email;
    // A new status is written by MemberStatuses, with its rules, under this change's one audit entry.
    const { status, ...fields } = values;
    const statusChanged = status != null && status !== before.status;
    const afterEstablishments = establishmentIds ? [...new Set(establishmentIds)].sort() : beforeEstablishments;
    const entry = (row: MemberRow): AuditChange => ({
      entity: 'member',
      entityId: id,
      action: statusChanged ? `update:${row.status}` : 'update',
      before: memberSnapshot(before, beforeEstablishments),
      after: memberSnapshot(row, afterEstablishments),
    });
    // Links are made after the change: a change of role or status in the same request kills
    // every link made before it (the security stamp, drizzle/functions/).
    const updated = Object.keys(fields).length ? await this.updateMember(tx, id, fields) : before;
    const after = statusChanged ? await this.statuses.change(tx, updated, status, actor, entry) : updated;
    let notices: NoticeRef[] = [];
    if (newEmail && before.status === 'active') {
      notices = await this.accountTokens.issueEmailChange(tx, after, newEmail);
    } else if (newEmail && after.status === 'invited') {
      // A corrected address: the old link died with the change, the new address gets its own.
      notices = await this.accountTokens.issueActivation(tx, after);
    }
    if (establishmentIds) await this.members.setEstablishments(tx, id, establishmentIds);
    if (statusChanged && (after.status === 'suspended' || after.status === 'left')) {
      // The JWT strategy already refuses their access tokens; this ends their refresh tokens too.
      await this.sessions.endSessionsIn(tx, id);
    }
    if (!statusChanged) await this.audit.record(tx, actor, entry(after));
    return { member: after, notices };
  }

  /** Turns a DTO into column values, checking every code and id it names; one 400 lists all problems. */
  private async resolve(tx: Executor, dto: UpdateMemberDto | UpdateMeDto | CreateMemberDto) {
    const errors: FieldError[] = [];
    const input = dto as UpdateMemberDto;
    for (const field of REQUIRED) if (input[field] === null) errors.push({ field, message: 'cannot be empty' });
    const values: MemberValues = {};
    let category: CategoryRow | null = null;
    if (input.email != null) values.email = input.email.trim();
    if (input.name != null) values.name = input.name.trim();
    for (const field of ['title', 'registration', 'phone', 'bio', 'availability'] as const) {
      if (input[field] !== undefined) values[field] = input[field]?.trim() || null;
    }
    if (input.role != null) values.role = input.role;
    if (input.status != null) values.status = input.status;
    if (input.listed != null) values.listed = input.listed;
    if (input.contactVisibility) {
      if (input.contactVisibility.email) values.emailVisibility = input.contactVisibility.email;
      if (input.contactVisibility.phone) values.phoneVisibility = input.contactVisibility.phone;
    }
    if (input.category != null) {
      category = await this.categories.byCode(input.category, tx);
      if (!category) errors.push({ field: 'category', message: 'is not a category code' });
      else values.categoryId = category.id;
    }
    if (input.region !== undefined) {
      if (input.region === null || input.region === '') values.regionId = null;
      else {
        const region = await this.regions.forRecord(input.region, 'region', tx);
        if ('field' in region) errors.push(region);
        else values.regionId = region.id;
      }
    }
    let establishmentIds: string[] | undefined;
    if (input.establishmentIds) {
      const known = await this.establishments.existingIds(input.establishmentIds, tx);
      input.establishmentIds.forEach((id, i) => {
        if (!known.has(id)) errors.push({ field: `establishmentIds[${i}]`, message: 'is not an establishment' });
      });
      establishmentIds = [...new Set(input.establishmentIds)];
    }
    if (errors.length) throw new InvalidFieldsException(errors);
    return { values, establishmentIds, category };
  }

  private async insertMember(tx: Executor, values: typeof members.$inferInsert): Promise<MemberRow> {
    try {
      return await this.members.insert(tx, values);
    } catch (error) {
      throw emailTaken(error) ? conflictOn('email', 'is already the email of a member') : error;
    }
  }

  private async updateMember(tx: Executor, id: string, values: Omit<MemberValues, 'status'>): Promise<MemberRow> {
    try {
      return await this.members.update(tx, id, values);
    } catch (error) {
      throw emailTaken(error) ? conflictOn('email', 'is already the email of a member') : error;
    }
  }
}

/** A race lost to another request creating the same email ends on the unique index. */
function emailTaken(error: unknown): boolean {
  for (
    let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505' && e.constraint === 'members_email_lower_key') return true;
  }
  return false;
}
