import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { ChangeCache, DatabaseChanges } from '@seg/db';
import { isUUID } from 'class-validator';
import { LRUCache } from 'lru-cache';
import { createSecretKey, KeyObject } from 'node:crypto';
import { ACCESS_TOKEN, AccessTokenClaims } from './access-token';
import { AuthenticatedMember } from './auth.decorators';
import { SessionMemberRepository } from './session-member.repository';

type VerifiedClaims = AccessTokenClaims & { exp?: number; nbf?: number };

/** How many verified access tokens each API process remembers (a member sends one until it expires). */
const VERIFIED_TOKENS = 10_000;

/** The bearer token of an Authorization header: its second word when the first is `Bearer`, any case. */
export function bearerToken(header: string | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /(\S+)\s+(\S+)/.exec(header);
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : null;
}

/**
 * Who a request's access token names, checked on every request: its signature and claims, then
 * the member and their login, so that a suspension, a role change, a logout or an ended session
 * takes effect at once rather than when the token expires.
 */
@Injectable()
export class AccessTokenCheck {
  private readonly jwt = new JwtService();
  // A key object made once: handed the raw secret, jsonwebtoken tries it as a public key first
  // and fails on every request, which costs more than the rest of the check.
  private readonly key: KeyObject;
  // A member's client sends the same token with every request until it expires: its signature
  // and claims, verified once, are remembered with their expiry, which is checked at every use
  // as jsonwebtoken checks it. Nothing about the member is remembered here (see `checks`).
  private readonly verified = new LRUCache<string, VerifiedClaims>({ max: VERIFIED_TOKENS });
  // Each login's check, kept until a change notice names its member (a status, role or email
  // changed, a login ended): every API process hears it before it answers that member again.
  private readonly checks: ChangeCache<Awaited<ReturnType<SessionMemberRepository['getIfSessionLive']>>>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessionMembers: SessionMemberRepository,
    changes: DatabaseChanges,
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
    this.checks = new ChangeCache(changes, 'sessions', {
      max: 10_000,
      ttlMs: 5 * 60_000,
      forgets: (memberId, key) => key.startsWith(`${memberId}/`),
    });
  }

  /** The member behind an Authorization header, or 401. */
  async memberOf(authorization: string | undefined): Promise<AuthenticatedMember> {
    const token = bearerToken(authorization);
    if (!token) throw new UnauthorizedException();
    return this.validate(this.claimsOf(token));
  }

  /** The claims of a token signed with our key, of our issuer and audience, not expired; else 401. */
  private claimsOf(token: string): VerifiedClaims {
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken's rule: expired from the second `exp` names.
      if (known.exp === undefined || Math.floor(Date.now() / 1000) < known.exp) return known;
      this.verified.delete(token);
      throw new UnauthorizedException();
    }
    let claims: VerifiedClaims;
    try {
      claims = this.jwt.verify<VerifiedClaims>(token, {
        secret: this.key as unknown as Buffer,
        // One algorithm only: refuses `alg: none` and any algorithm-confusion trick.
        algorithms: [ACCESS_TOKEN.algorithm],
        issuer: ACCESS_TOKEN.issuer,
        audience: ACCESS_TOKEN.audience,
      });
    } catch {
      throw new UnauthorizedException();
    }
    // A token not valid before some time is checked afresh each time (ours carry no nbf).
    if (claims.nbf === undefined) this.verified.set(token, claims);
    return claims;
  }

  private async validate(claims: VerifiedClaims): Promise<AuthenticatedMember> {
    if (claims.typ !== ACCESS_TOKEN.type || !isUUID(claims.sub) || !isUUID(claims.sid))
      throw new UnauthorizedException();
    const member = await this.checks.get(`${claims.sub}/${claims.sid}`, () =>
      this.sessionMembers.getIfSessionLive(claims.sub, claims.sid),
    );
    if (!member || member.status !== 'active') throw new UnauthorizedException();
    return { id: member.id, email: member.email, role: member.role, sessionId: claims.sid };
  }
}
