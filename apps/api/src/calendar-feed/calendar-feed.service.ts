import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor, AuditTrail } from '@seg/audit';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Database, DB, Executor } from '@seg/db';
import {
  calendarFeedToken,
  calendarFeedTokenHash,
  invitationReplyAddress,
  isCalendarFeedToken,
  newCalendarFeedSeed,
  rsvpLink,
} from '@seg/links';
import { buildMeetingFeed, meetingCalendarEvent } from '@seg/rules';
import { createHash } from 'node:crypto';
import { CalendarFeedLinks } from './calendar-feed.dto';
import { CalendarFeedRepository } from './calendar-feed.repository';

/** How far back a feed reaches: the last year's meetings, and every one to come. */
const FEED_DAYS_BACK = 366;

/** The feed's name in a calendar program's list. */
const FEED_NAME = 'SEG Network meetings';

export interface FeedDocument {
  body: string;
  /** A strong validator of the body: the same meetings and replies give the same ETag. */
  etag: string;
}

/**
 * A member's private calendar feed: every meeting they are invited to, as their invitations
 * show it, at a secret address they can reset.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feeds: CalendarFeedRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The member's feed address, made on first asking. A feed whose token no longer matches (the
   * app secret changed, which ends every link) gets a new one.
   */
  async links(memberId: string): Promise<CalendarFeedLinks> {
    const feed = await this.feeds.get(memberId);
    if (feed) {
      const token = calendarFeedToken(this.config.auth.jwtSecret, feed.seed);
      if (calendarFeedTokenHash(token) === feed.tokenHash) return this.linksFor(token, feed.createdAt);
    }
    return this.db.transaction((tx) => this.issue(tx, memberId));
  }

  /** A new address; the old one answers 404 from the moment this commits. */
  async reset(memberId: string, actor: Actor): Promise<CalendarFeedLinks> {
    return this.db.transaction(async (tx) => {
      const links = await this.issue(tx, memberId);
      await this.audit.record(tx, actor, { entity: 'member', entityId: memberId, action: 'calendar-feed-reset' });
      return links;
    });
  }

  /** The feed behind a token, or 404 for a token never given, reset, or of a member no longer current. */
  async feed(token: string): Promise<FeedDocument> {
    const member = isCalendarFeedToken(token) ? await this.feeds.memberByTokenHash(calendarFeedTokenHash(token)) : null;
    if (!member) throw new NotFoundException('No calendar at this address: it was reset, or the membership ended');
    const since = new Date(Date.now() - FEED_DAYS_BACK * 86_400_000);
    const rows = await this.feeds.meetingsOf(member.id, since);
    const { publicUrl, auth, mail } = this.config;
    // Each meeting exactly as the member's invitation shows it; stamped with its last change, so
    // the same meetings and replies give the same document (and ETag).
    const body = buildMeetingFeed({
      name: FEED_NAME,
      events: rows.map((row) =>
        meetingCalendarEvent({
          meeting: row.meeting,
          mailFrom: mail.from,
          invitee: {
            name: member.name,
            email: member.email,
            rsvp: row.rsvp,
            rsvpUrl: rsvpLink(publicUrl, auth.jwtSecret, row.invitationId),
            replyAddress: invitationReplyAddress(mail.bounceAddress, row.invitationId, auth.jwtSecret),
          },
          cancelled: row.meeting.status === 'cancelled',
          stamp: row.changedAt,
        }),
      ),
    });
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
  }

  private async issue(tx: Executor, memberId: string): Promise<CalendarFeedLinks> {
    const seed = newCalendarFeedSeed();
    const token = calendarFeedToken(this.config.auth.jwtSecret, seed);
    const feed = await this.feeds.put(tx, memberId, seed, calendarFeedTokenHash(token));
    return this.linksFor(token, feed.createdAt);
  }

  private linksFor(token: string, since: Date): CalendarFeedLinks {
    const httpsUrl = `${this.config.publicUrl}/calendar/${token}.ics`;
    return { httpsUrl, webcalUrl: httpsUrl.replace(/^https?:/, 'webcal:'), createdAt: since.toISOString() };
  }
}
