import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { ChangeCache, DatabaseChanges } from '@seg/db';
import { isUUID } from 'class-validator';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ACCESS_TOKEN, AccessTokenClaims } from './access-token';
import { AuthenticatedMember } from './auth.decorators';
import { SessionMemberRepository } from './session-member.repository';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  // Each login's check, kept until a change notice names its member (a status, role or email
  // changed, a login ended): every API process hears it before it answers that member again.
  private readonly checks: ChangeCache<Awaited<ReturnType<SessionMemberRepository['getIfSessionLive']>>>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessionMembers: SessionMemberRepository,
    changes: DatabaseChanges,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: handed the raw secret, jsonwebtoken tries it as a public key
      // first and fails on every request, which costs more than the rest of the check.
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as Buffer,
      // One algorithm only: refuses `alg: none` and any algorithm-confusion trick.
      algorithms: [ACCESS_TOKEN.algorithm],
      issuer: ACCESS_TOKEN.issuer,
      audience: ACCESS_TOKEN.audience,
      ignoreExpiration: false,
    });
    this.checks = new ChangeCache(changes, 'sessions', {
      max: 10_000,
      ttlMs: 5 * 60_000,
      forgets: (memberId, key) => key.startsWith(`${memberId}/`),
    });
  }

  /**
   * Checks the member and their login on every request so that a suspension, a role change, a
   * logout or an ended session takes effect at once rather than when the token expires.
   */
  async validate(claims: AccessTokenClaims): Promise<AuthenticatedMember> {
    if (claims.typ !== ACCESS_TOKEN.type || !isUUID(claims.sub) || !isUUID(claims.sid))
      throw new UnauthorizedException();
    const member = await this.checks.get(`${claims.sub}/${claims.sid}`, () =>
      this.sessionMembers.getIfSessionLive(claims.sub, claims.sid),
    );
    if (!member || member.status !== 'active') throw new UnauthorizedException();
    return { id: member.id, email: member.email, role: member.role, sessionId: claims.sid };
  }
}
