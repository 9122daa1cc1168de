import { GoneException, Inject, Injectable, Logger } from '@nestjs/common';
import { conflictOn, invalidField } from '@seg/http';
import { Clock } from '@seg/rules';
import { DB, Database, Executor, isCurrentMember, MEMBERSHIP_ENDED, OneTimeTokenPurpose } from '@seg/db';
import { NoticeRef } from '@seg/queue';
import { NoticeOutbox } from '@seg/notices';
import { AuditTrail } from '@seg/audit';
import { MemberStatuses } from '@seg/records';
import { Account, AccountsRepository } from './accounts.repository';
import { NewPasswordDto } from './dto/new-password.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { FixedWindows } from '../throttle/fixed-windows';
import { TooManyAttemptsException } from '../throttle/too-many-attempts.exception';
import { LoginThrottle } from './login-throttle';
import { OneTimeTokenRow, OneTimeTokensRepository } from './one-time-tokens.repository';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { hashSecretToken, newSecretToken } from './secret-token';
import { SessionTokensService } from './session-tokens.service';

const LIFETIME_MS: Record<OneTimeTokenPurpose, number> = {
  activation: 7 * 24 * 3600 * 1000,
  'password-reset': 3600 * 1000,
  'email-change': 24 * 3600 * 1000,
  'sign-in': 15 * 60 * 1000,
};

/** Password reset emails, and activation emails sent again, to one member in an hour. */
const LINK_EMAILS_PER_HOUR = 3;

/**
 * Sign-in links: emails to one member in a window as long as a link lives, so that whenever the
 * cap is reached the newest link sent is still alive: whoever asks for links in the owner's name
 * cannot keep the owner from signing in. Requests from one client address (any email, known or
 * not) are refused with a 429 over their own cap.
 */
export const SIGN_IN_LINK_LIMITS = {
  emailsPerMember: 3,
  requestsPerAddress: 10,
  windowSeconds: LIFETIME_MS['sign-in'] / 1000,
} as const;

/**
 * The one-time links of a member's account (activation, password reset, email change, sign-in):
 * the tokens behind them and what using one does. A token works once, until it expires, and only
 * while its member's security stamp is the one it was made under (drizzle/functions/).
 */
@Injectable()
export class AccountTokensService {
  private readonly logger = new Logger(AccountTokensService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly windows: FixedWindows,
    private readonly accounts: AccountsRepository,
    private readonly oneTimeTokens: OneTimeTokensRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionTokensService,
    private readonly throttle: LoginThrottle,
    private readonly outbox: NoticeOutbox,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly statuses: MemberStatuses,
  ) {}

  /**
   * Invites a member: voids earlier activation links, creates a new one (valid 7 days) and adds
   * the `activation` notice, all in the caller's transaction. Dispatch the returned refs after
   * commit:
   *
   *   const refs = await db.transaction(async (tx) => { const m = ...insert...; return accountTokens.issueActivation(tx, m) });
   *   await outbox.dispatch(refs);
   */
  async issueActivation(tx: Executor, member: { id: string; email: string }): Promise<NoticeRef[]> {
    return this.issue(tx, member, 'activation');
  }

  /** Sets the first password of an invited member and logs them in. */
  async activate(
    input: NewPasswordDto,
    client: { requestId: string | null; userAgent?: string },
  ): Promise<TokenPairDto> {
    return this.db.transaction(async (tx) => {
      const { account } = await this.useToken(tx, input.token, 'activation');
      await this.setPassword(tx, account, input.password);
      await this.statuses.change(tx, account, 'active', { memberId: account.id, requestId: client.requestId }, () => ({
        entity: 'member',
        entityId: account.id,
        action: 'activate',
        before: { status: account.status },
        after: { status: 'active' },
      }));
      return this.sessions.issue(tx, { ...account, status: 'active' }, { userAgent: client.userAgent });
    });
  }

  /**
   * Mails a reset link when the email is an active member's; otherwise does nothing. Runs after
   * the request has been answered, so the answer's timing tells nothing about the email.
   */
  requestPasswordReset(email: string): void {
    this.sendPasswordReset(email).catch((err) => this.logger.error({ err }, 'Could not issue a password reset'));
  }

  /** Sets a new password from a reset link and ends every login of that member. */
  async confirmPasswordReset(input: NewPasswordDto, requestId: string | null): Promise<void> {
    const account = await this.db.transaction(async (tx) => {
      const { account } = await this.useToken(tx, input.token, 'password-reset');
      await this.setPassword(tx, account, input.password);
      const ended = await this.refreshTokens.revokeAllOfMember(tx, account.id);
      await this.audit.record(
        tx,
        { memberId: account.id, requestId },
        {
          entity: 'member',
          entityId: account.id,
          action: 'password-reset',
          after: { sessionsEnded: ended },
        },
      );
      return account;
    });
    await this.throttle.clearAccount(account.email);
  }

  private async sendPasswordReset(email: string): Promise<void> {
    const account = await this.accounts.getByEmail(email);
    if (!account || account.status !== 'active') return;
    if (!(await this.underResetLimit(account.id))) {
      this.logger.warn({ memberId: account.id }, 'Password reset emails over the hourly limit; not sending another');
      return;
    }
    const refs = await this.db.transaction((tx) => this.issue(tx, account, 'password-reset'));
    await this.outbox.dispatch(refs);
  }

  /**
   * A sign-in link for the owner of an account, the way in that a stranger's failed guesses cannot
   * close (OWASP ASVS 2.2.1): mailed only to the account's own address, and only when it is an
   * active member's. The answer is the same for any email and the work is done after it; the only
   * refusal (429) is for too many requests from the client's address, whatever emails they name.
   */
  async requestSignInLink(email: string, clientAddress: string): Promise<void> {
    const { under, retryAfterSeconds } = await this.countLinkEmail(
      'sign-in-request',
      clientAddress,
      SIGN_IN_LINK_LIMITS.requestsPerAddress,
      SIGN_IN_LINK_LIMITS.windowSeconds,
    );
    if (!under) throw new TooManyAttemptsException(retryAfterSeconds, 'Too many sign-in links asked for from here');
    this.sendSignInLink(email).catch((err) => this.logger.error({ err }, 'Could not issue a sign-in link'));
  }

  /**
   * Signs in from a sign-in link: the same login as with a password. Clears nothing else: the
   * password and the failed attempts counted against it stay as they are.
   */
  async signInWithLink(token: string, client: { requestId: string | null; userAgent?: string }): Promise<TokenPairDto> {
    return this.db.transaction(async (tx) => {
      const { account } = await this.useToken(tx, token, 'sign-in');
      await this.audit.record(
        tx,
        { memberId: account.id, requestId: client.requestId },
        { entity: 'member', entityId: account.id, action: 'sign-in-link' },
      );
      return this.sessions.issue(tx, account, { userAgent: client.userAgent });
    });
  }

  private async sendSignInLink(email: string): Promise<void> {
    const account = await this.accounts.getByEmail(email);
    if (!account || account.status !== 'active') return;
    const { under } = await this.countLinkEmail(
      'sign-in-mail',
      account.id,
      SIGN_IN_LINK_LIMITS.emailsPerMember,
      SIGN_IN_LINK_LIMITS.windowSeconds,
    );
    if (!under) {
      this.logger.warn({ memberId: account.id }, 'Sign-in link emails over the limit; not sending another');
      return;
    }
    const refs = await this.db.transaction((tx) => this.issue(tx, account, 'sign-in'));
    await this.outbox.dispatch(refs);
  }

  /**
   * Refuses (429) a fourth activation email to one member within the hour, the cap of password
   * reset emails: a staff account cannot be used to flood someone's inbox.
   */
  async limitActivationResends(memberId: string): Promise<void> {
    const { under, retryAfterSeconds } = await this.countLinkEmail('activation-mail', memberId, LINK_EMAILS_PER_HOUR);
    if (!under)
      throw new TooManyAttemptsException(
        retryAfterSeconds,
        `This member was sent ${LINK_EMAILS_PER_HOUR} activation emails in the last hour`,
      );
  }

  private async underResetLimit(memberId: string): Promise<boolean> {
    return (await this.countLinkEmail('reset-mail', memberId, LINK_EMAILS_PER_HOUR)).under;
  }

  /**
   * Counts one link email (or request) of the kind in a fixed window (an hour unless said):
   * whether it is within the cap. While Redis is down it is: a member locked out matters more than
   * a few extra emails.
   */
  private async countLinkEmail(
    kind: 'reset-mail' | 'activation-mail' | 'sign-in-mail' | 'sign-in-request',
    subject: string,
    cap: number,
    windowSeconds = 3600,
  ): Promise<{ under: boolean; retryAfterSeconds: number }> {
    const counted = await this.windows.add(this.windows.key(`auth:${kind}`, subject), windowSeconds);
    return counted
      ? { under: counted.count <= cap, retryAfterSeconds: counted.secondsLeft }
      : { under: true, retryAfterSeconds: 0 };
  }

  /**
   * An active member's new address, confirmed from that address: the link goes there and the old
   * address is told, since a changed email and a password reset are how an account is taken over.
   * The email stays as it is until the link is used.
   */
  async issueEmailChange(tx: Executor, member: { id: string; email: string }, newEmail: string): Promise<NoticeRef[]> {
    const token = await this.newToken(tx, member.id, 'email-change', newEmail);
    return this.outbox.add(tx, [
      { kind: 'email-change', memberId: member.id, toEmail: newEmail, payload: { token } },
      { kind: 'email-changed', memberId: member.id, toEmail: member.email, payload: { newEmail } },
    ]);
  }

  /** Uses an email-change link: the member's address becomes the new one, if no one else has it since. */
  async confirmEmailChange(token: string, requestId: string | null): Promise<{ email: string }> {
    return this.db.transaction(async (tx) => {
      const { account, row } = await this.useToken(tx, token, 'email-change');
      const email = row.newEmail!;
      const other = await this.accounts.getByEmail(email, tx);
      if (other && other.id !== account.id) throw conflictOn('email', 'is already the email of a member');
      await this.accounts.setEmail(tx, account.id, email);
      await this.audit.record(
        tx,
        { memberId: account.id, requestId },
        {
          entity: 'member',
          entityId: account.id,
          action: 'email-change',
          before: { email: account.email },
          after: { email },
        },
      );
      return { email };
    });
  }

  private async issue(
    tx: Executor,
    member: { id: string; email: string },
    purpose: OneTimeTokenPurpose,
  ): Promise<NoticeRef[]> {
    const token = await this.newToken(tx, member.id, purpose);
    // The worker renders the link from the raw token and clears it from the row once sent.
    return this.outbox.add(tx, [{ kind: purpose, memberId: member.id, toEmail: member.email, payload: { token } }]);
  }

  /** A new one-time token of the purpose; earlier unused ones of the member stop working. */
  private async newToken(
    tx: Executor,
    memberId: string,
    purpose: OneTimeTokenPurpose,
    newEmail: string | null = null,
  ): Promise<string> {
    await this.oneTimeTokens.useAllOfMember(tx, memberId, purpose);
    const secret = newSecretToken();
    await this.oneTimeTokens.insert(tx, {
      memberId,
      purpose,
      tokenHash: secret.hash,
      expiresAt: new Date(this.clock.now().getTime() + LIFETIME_MS[purpose]),
      newEmail,
    });
    return secret.token;
  }

  /**
   * Whether an emailed link still works, so its page can say so when it opens rather than after
   * the password is typed twice. Spends nothing.
   */
  async linkStatus(token: string, purpose: OneTimeTokenPurpose): Promise<{ usable: boolean }> {
    const row = await this.oneTimeTokens.findByHash(this.db, hashSecretToken(token), purpose);
    const account = row && this.live(row) ? await this.accounts.getById(row.memberId) : null;
    return {
      usable: account?.status === ACCOUNT_STATUS_FOR[purpose] && account.securityStamp === row!.securityStamp,
    };
  }

  /**
   * Checks and spends a one-time token; a 400 naming `token` when it cannot be used (used,
   * expired, or made before the member's email, password, status or role last changed), 410 when
   * its member is no longer current.
   */
  private async useToken(
    tx: Executor,
    token: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<{ account: Account; row: OneTimeTokenRow }> {
    const row = await this.oneTimeTokens.lockByHash(tx, hashSecretToken(token), purpose);
    const account = row && this.live(row) ? await this.accounts.lockById(tx, row.memberId) : null;
    if (account && !isCurrentMember(account)) throw new GoneException(MEMBERSHIP_ENDED);
    if (!account || account.status !== ACCOUNT_STATUS_FOR[purpose] || account.securityStamp !== row!.securityStamp)
      throw invalidField('token', 'is not valid, has been used or has expired');
    await this.oneTimeTokens.useAllOfMember(tx, account.id, purpose);
    return { account, row: row! };
  }

  private async setPassword(tx: Executor, account: Account, password: string): Promise<void> {
    const problem = passwordProblem(password, account);
    if (problem) throw invalidField('password', problem);
    await this.accounts.setPassword(tx, account.id, await this.hasher.hash(password));
  }

  /** Unused and unexpired. */
  private live(row: { usedAt: Date | null; expiresAt: Date }): boolean {
    return !row.usedAt && row.expiresAt.getTime() > this.clock.now().getTime();
  }
}

/** Who a link is for: an activation link for an invited member, a reset link for an active one. */
const ACCOUNT_STATUS_FOR: Record<OneTimeTokenPurpose, Account['status']> = {
  activation: 'invited',
  'password-reset': 'active',
  'email-change': 'active',
  'sign-in': 'active',
};
