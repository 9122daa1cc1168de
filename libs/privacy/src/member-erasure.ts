import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor } from '@seg/audit';
import { MemberStatuses, PostChanges } from '@seg/records';
import { conflictOn, forbiddenOn, InvalidFieldsException } from '@seg/http';
import { accountActRefusal } from '@seg/rules';
import { Database, DB, Executor, Role } from '@seg/db';
import { ErasureRequestsRepository } from './erasure-requests.repository';
import { ErasableMember, ErasureRepository } from './erasure.repository';
import { findMentions, mentionNeedles, StaffTextMention } from './staff-text-mentions';
import { ERASED } from './stripped-notice';

/** The fields of a member record (and of its audit snapshots) that say who the member is. */
const PERSONAL_FIELDS = [
  'email',
  'name',
  'title',
  'registration',
  'phone',
  'bio',
  'availability',
  'emailBounceReason',
  'establishmentIds',
] as const;
/** Texts shorter than this are not searched for elsewhere in the audit log: too many would match by chance. */
const SHORTEST_SEARCHED = 4;

export interface ErasureResult {
  id: string;
  name: string;
  erasedAt: string;
  /** Where their name or email still stands in text the staff wrote, for the secretariat to edit. */
  mentions: Omit<StaffTextMention, 'textDigest'>[];
}

/**
 * Replaces a member with an anonymous record ("Former member 1001"), for the secretariat's
 * `POST /members/:id/erase` and the worker's retention run alike. Kept, as the network's history:
 * their posts (held by the anonymous record), their replies and attendance (so counts stay right;
 * the certificate numbers go, and their reflections and own learning entries with them), the
 * notices' kinds, dates and states, and who did what and when in the audit log. Everything that
 * says who they were goes.
 */
@Injectable()
export class MemberErasure {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly erasure: ErasureRepository,
    private readonly requests: ErasureRequestsRepository,
    private readonly posts: PostChanges,
    private readonly statuses: MemberStatuses,
  ) {}

  /**
   * A member of staff erases a member, in one transaction. Only an admin erases an admin, as only
   * an admin changes an admin's status; nobody erases themselves.
   */
  async erase(memberId: string, reason: string | null, actor: Actor, actorRole: Role): Promise<ErasureResult> {
    return this.db.transaction(async (tx) => {
      const member = await this.lock(tx, memberId);
      if (!member) throw new NotFoundException('No such member');
      if (member.erasedAt) throw conflictOn('id', 'is a member erased already');
      const refusal = accountActRefusal(actorRole, member.role, { erase: true });
      if (refusal) throw forbiddenOn('id', refusal);
      if (actor.memberId === memberId)
        throw new InvalidFieldsException([
          { field: 'id', message: 'is you: another member of the secretariat erases your record' },
        ]);
      return this.eraseIn(tx, member, reason, actor);
    });
  }

  /** The member's row, locked until the transaction ends, so a rule checked on it holds while it is erased. */
  lock(tx: Executor, memberId: string): Promise<ErasableMember | null> {
    return this.erasure.lockMember(tx, memberId);
  }

  /**
   * Erases a member locked by `lock` and not erased yet, in the caller's transaction. The audit
   * entry names the reason and the actor; a null actor is the system (the retention run).
   */
  async eraseIn(
    tx: Executor,
    member: ErasableMember,
    reason: string | null,
    actor: Actor | null,
  ): Promise<ErasureResult> {
    const memberId = member.id;
    // Every personal value the member ever had: the current ones and those the audit log kept.
    const own = await this.erasure.auditOfMember(tx, memberId);
    const texts = new Set<string>();
    const names = new Set<string>();
    const emails = new Set<string>();
    const collect = (record: unknown) => {
      if (!record || typeof record !== 'object') return;
      for (const field of PERSONAL_FIELDS) {
        const value = (record as Record<string, unknown>)[field];
        if (typeof value === 'string' && value.trim().length >= SHORTEST_SEARCHED) texts.add(value.trim());
        if (typeof value === 'string' && field === 'name') names.add(value);
        if (typeof value === 'string' && field === 'email') emails.add(value);
      }
    };
    collect(member);
    for (const entry of own) {
      collect(entry.before);
      collect(entry.after);
    }
    // A calendar reply may come from another of the member's addresses (jo+calendar@...).
    for (const address of await this.erasure.calendarReplyAddresses(tx, memberId)) texts.add(address);

    const values = [...texts];
    for (const entry of own)
      await this.erasure.rewriteAudit(
        tx,
        entry.id,
        blankTexts(blankFields(entry.before), values),
        blankTexts(blankFields(entry.after), values),
      );
    for (const entry of await this.erasure.auditMentioning(tx, values, memberId)) {
      await this.erasure.rewriteAudit(tx, entry.id, blankTexts(entry.before, values), blankTexts(entry.after, values));
    }

    // Staff text is the staff's to edit, not ours to rewrite: the places are listed for them.
    const needles = mentionNeedles([...names], [...emails]);
    const mentions = findMentions(await this.erasure.meetingsMentioning(tx, needles), needles);
    await this.erasure.saveMentions(tx, memberId, mentions);

    await this.requests.closeAllOf(tx, memberId);
    // The anonymous record holds the posts as history only: a region is not represented by it.
    await this.posts.endAllOf(tx, memberId, actor);
    await this.erasure.deleteBelongings(tx, memberId);
    await this.erasure.anonymiseLedger(tx, memberId);
    const number = await this.erasure.nextFormerNumber(tx);
    const name = `Former member ${number}`;
    // An erased member has left (if not already), under the erasure's own audit entry;
    // written first, so the record replaced below keeps erasedAt as its last change.
    await this.statuses.change(tx, member, 'left', actor, () => ({
      entity: 'member',
      entityId: memberId,
      action: 'erase',
      after: { name, reason },
    }));
    const erasedAt = new Date();
    await this.erasure.replaceMember(tx, memberId, {
      name,
      // Unique and deliverable nowhere (.invalid is reserved), so the old address is free again.
      email: `former-member-${number}@erased.invalid`,
      title: null,
      registration: null,
      phone: null,
      bio: null,
      availability: null,
      categoryId: null,
      regionId: null,
      role: 'member',
      emailVisibility: 'secretariat',
      phoneVisibility: 'secretariat',
      passwordHash: null,
      emailStatus: 'ok',
      emailBouncedAt: null,
      emailBounceReason: null,
      erasedAt,
      updatedAt: erasedAt,
    });
    return {
      id: memberId,
      name,
      erasedAt: erasedAt.toISOString(),
      mentions: mentions.map(({ meetingId, field, snippet }) => ({ meetingId, field, snippet })),
    };
  }
}

/** A member snapshot with its personal fields replaced. */
function blankFields(record: unknown): unknown {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return record;
  const copy = { ...(record as Record<string, unknown>) };
  for (const field of PERSONAL_FIELDS) {
    if (field in copy && copy[field] !== null) copy[field] = ERASED;
  }
  return copy;
}

/** Any value that holds one of the texts, at any depth, replaced. */
function blankTexts(value: unknown, texts: string[]): unknown {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    return texts.some((t) => lower.includes(t.toLowerCase())) ? ERASED : value;
  }
  if (Array.isArray(value)) return value.map((v) => blankTexts(v, texts));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blankTexts(v, texts)]));
  return value;
}
