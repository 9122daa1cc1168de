import { Inject, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { AuthenticatedMember } from '@seg/auth';
import { forbiddenOn, invalidField, PageQuery, wholePage } from '@seg/http';
import { accountActRefusal } from '@seg/rules';
import { DB, Database, Executor, Role } from '@seg/db';
import { NoticeOutbox } from '@seg/notices';
import { Actor, AuditTrail } from '@seg/audit';
import { AccountsRepository } from './accounts.repository';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { SessionPageDto } from './dto/session.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { LoginThrottle, SignInThrottledException } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { hashSecretToken } from './secret-token';
import { SessionTokensService } from './session-tokens.service';

/** One answer for every failed login, so that it tells nothing about which emails are members. */
const BAD_CREDENTIALS = 'Wrong email or password';
const BAD_REFRESH = 'The refresh token is not valid; log in again';

type RefreshOutcome = { ok: true; pair: TokenPairDto } | { ok: false; reused?: { memberId: string; familyId: string } };

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly accounts: AccountsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionTokensService,
    private readonly audit: AuditTrail,
    private readonly outbox: NoticeOutbox,
  ) {}

  async login(credentials: LoginDto, client: { address: string; userAgent?: string }): Promise<TokenPairDto> {
    const keys = this.throttle.keys(credentials.email, client.address);
    await this.throttle.attempt(keys, (wait) => new SignInThrottledException(wait));

    const account = await this.accounts.getByEmail(credentials.email);
    // Verifies even without an account, so unknown emails take as long as wrong passwords.
    const matches = await this.hasher.verify(account?.passwordHash, credentials.password);
    if (!account || !matches || account.status !== 'active') throw new UnauthorizedException(BAD_CREDENTIALS);

    await this.throttle.succeeded(keys);
    return this.db.transaction(async (tx) => {
      if (account.passwordHash && this.hasher.needsRehash(account.passwordHash)) {
        await this.accounts.setPassword(tx, account.id, await this.hasher.hash(credentials.password));
      }
      return this.sessions.issue(tx, account, { userAgent: client.userAgent });
    });
  }

  /**
   * Swaps a refresh token for a new pair. The token's row is locked, so of two refreshes of one
   * token only the first succeeds; the second presents a replaced token, which means it was
   * copied, and ends that whole login for whoever holds it.
   */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const outcome = await this.db.transaction(async (tx): Promise<RefreshOutcome> => {
      const row = await this.refreshTokens.lockByHash(tx, hashSecretToken(refreshToken));
      if (!row || row.revokedAt) return { ok: false };
      if (row.replacedAt) {
        await this.refreshTokens.revokeFamily(tx, row.familyId);
        return { ok: false, reused: { memberId: row.memberId, familyId: row.familyId } };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { ok: false };
      const account = await this.accounts.getById(row.memberId, tx);
      if (!account || account.status !== 'active') {
        await this.refreshTokens.revokeFamily(tx, row.familyId);
        return { ok: false };
      }
      await this.refreshTokens.markReplaced(tx, row.id);
      return {
        ok: true,
        pair: await this.sessions.issue(tx, account, {
          familyId: row.familyId,
          expiresAt: row.expiresAt,
          device: row.device,
        }),
      };
    });
    if (outcome.ok) return outcome.pair;
    if (outcome.reused)
      this.logger.warn(outcome.reused, 'A replaced refresh token was presented again; its login is revoked');
    throw new UnauthorizedException(BAD_REFRESH);
  }

  /**
   * Changes a signed-in member's password once the current one checks out; every other login of
   * theirs ends and they are emailed about it. Wrong current passwords count as failed logins,
   * so this is no way around the login throttle.
   */
  async changePassword(
    member: AuthenticatedMember,
    input: ChangePasswordDto,
    clientAddress: string,
    requestId: string | null,
  ): Promise<void> {
    const keys = this.throttle.keys(member.email, clientAddress);
    await this.throttle.attempt(keys);
    const refs = await this.db.transaction(async (tx) => {
      const account = await this.accounts.lockById(tx, member.id);
      if (!account || !(await this.hasher.verify(account.passwordHash, input.currentPassword))) {
        throw invalidField('currentPassword', 'is not your current password');
      }
      await this.throttle.succeeded(keys);
      const problem =
        input.newPassword === input.currentPassword
          ? 'must differ from your current password'
          : passwordProblem(input.newPassword, account);
      if (problem) throw invalidField('newPassword', problem);
      await this.accounts.setPassword(tx, account.id, await this.hasher.hash(input.newPassword));
      const ended = await this.refreshTokens.revokeAllOfMember(tx, account.id, member.sessionId);
      await this.audit.record(
        tx,
        { memberId: member.id, requestId },
        { entity: 'member', entityId: member.id, action: 'password-change', after: { sessionsEnded: ended } },
      );
      return this.outbox.add(tx, [{ kind: 'password-changed', memberId: account.id, toEmail: account.email }]);
    });
    await this.outbox.dispatch(refs);
  }

  /** Ends the login the token belongs to, if it is the caller's; says nothing either way. */
  async logout(memberId: string, refreshToken: string): Promise<void> {
    const row = await this.refreshTokens.getByHash(hashSecretToken(refreshToken));
    if (row && row.memberId === memberId) await this.refreshTokens.revokeFamily(this.db, row.familyId, memberId);
  }

  async listSessions(memberId: string, currentSessionId: string, query: PageQuery): Promise<SessionPageDto> {
    const rows = await this.refreshTokens.listLiveSessions(memberId);
    return wholePage(
      query,
      rows.map((r) => ({
        id: r.familyId,
        device: r.device,
        startedAt: r.startedAt.toISOString(),
        lastRefreshedAt: r.lastRefreshedAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        current: r.familyId === currentSessionId,
      })),
    );
  }

  /** Ends one of the caller's own logins (a lost phone, say). */
  async endOwnSession(memberId: string, sessionId: string): Promise<void> {
    const revoked = await this.refreshTokens.revokeFamily(this.db, sessionId, memberId);
    if (!revoked) throw new NotFoundException('No such session');
  }

  /** "Sign out everywhere else": every login of the member but this one ends. */
  async endOtherSessions(
    memberId: string,
    currentSessionId: string,
    requestId: string | null,
  ): Promise<{ ended: number }> {
    return this.db.transaction(async (tx) => {
      const ended = await this.refreshTokens.revokeAllOfMember(tx, memberId, currentSessionId);
      await this.audit.record(
        tx,
        { memberId, requestId },
        { entity: 'member', entityId: memberId, action: 'sign-out-others', after: { sessionsEnded: ended } },
      );
      return { ended };
    });
  }

  /** Ends every login of a member in the caller's transaction (suspended, or left); answers how many. */
  endSessionsIn(tx: Executor, memberId: string): Promise<number> {
    return this.refreshTokens.revokeAllOfMember(tx, memberId);
  }

  /**
   * The secretariat ends every login of a member; their access tokens stop working at once. Only
   * an admin ends an admin's.
   */
  async endAllSessions(actor: Actor, actorRole: Role, memberId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const member = await this.accounts.lockById(tx, memberId);
      if (!member) throw new NotFoundException('No such member');
      const refusal = accountActRefusal(actorRole, member.role, { endSessions: true });
      if (refusal) throw forbiddenOn('id', refusal);
      const ended = await this.refreshTokens.revokeAllOfMember(tx, memberId);
      await this.audit.record(tx, actor, {
        entity: 'member',
        entityId: memberId,
        action: 'end-sessions',
        after: { sessionsEnded: ended },
      });
    });
  }
}
