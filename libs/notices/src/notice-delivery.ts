import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, MailProvider } from '@seg/config';
import { MailDayLimit } from '@seg/queue';
import { Clock } from '@seg/rules';
import { lastSendAt } from './delivery-estimate';
import { OutboxRepository } from './outbox.repository';

/** How long notices about to be queued should take, at the provider's limits. */
export interface DeliveryEstimate {
  notices: number;
  /** Notices already waiting to go before them. */
  ahead: number;
  provider: MailProvider;
  ratePerMinute: number;
  dailyLimit: number | null;
  /** Of them, how many must wait for a later day (the day's limit is used up). */
  laterDays: number;
  /** About how long until the last of them goes, in whole minutes (0: under half a minute). */
  minutes: number;
  /** About when the last of them goes. */
  lastGoesAt: Date;
}

/** How the notices of a meeting's invitations went, and when those still queued should go: for the secretariat's follow-up. */
@Injectable()
export class NoticeDelivery {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly dayLimit: MailDayLimit,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every notice of these invitations, oldest first. */
  async ofInvitations(invitationIds: string[]) {
    return this.repository.listOfInvitations(invitationIds);
  }

  /** The meeting's notices counted by status (queued, sent, failed). */
  async countOfMeeting(meetingId: string): Promise<Record<string, number>> {
    return this.repository.countByStatusOfMeeting(meetingId);
  }

  /** How many of the meeting's queued notices wait for a later day, and about when the last goes (null: none queued). */
  async scheduleOfMeeting(meetingId: string): Promise<{ laterDays: number; lastGoesAt: Date | null }> {
    const now = this.clock.now();
    const held = await this.repository.queuedTimesOfMeeting(meetingId);
    if (!held.length) return { laterDays: 0, lastGoesAt: null };
    const times = held.map((t) => (t && t > now ? t : now)).sort((a, b) => a.getTime() - b.getTime());
    return {
      laterDays: times.filter((t) => t > now).length,
      lastGoesAt: lastSendAt(now, this.config.mail.ratePerMinute, 0, times),
    };
  }

  /** How long `count` more notices would take were they queued now, behind those waiting. */
  async estimate(count: number): Promise<DeliveryEstimate> {
    const now = this.clock.now();
    const [ahead, times] = await Promise.all([this.repository.countDue(now), this.dayLimit.estimate(count, now)]);
    const { provider, ratePerMinute, dailyLimit } = this.config.mail;
    const lastGoesAt = lastSendAt(now, ratePerMinute, ahead, times);
    return {
      notices: count,
      ahead,
      provider,
      ratePerMinute,
      dailyLimit,
      laterDays: times.filter((t) => t > now).length,
      minutes: Math.round((lastGoesAt.getTime() - now.getTime()) / 60_000),
      lastGoesAt,
    };
  }
}
