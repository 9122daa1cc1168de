import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN, AccessTokenClaims, isSecretariat } from '@seg/auth';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Executor } from '@seg/db';
import { randomUUID } from 'node:crypto';
import { Account } from './accounts.repository';
import { TokenPairDto } from './dto/token-pair.dto';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { describeDevice } from './device';
import { newSecretToken } from './secret-token';

/** Hands out the access token and the refresh token of a login. */
@Injectable()
export class SessionTokensService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  /**
   * A new pair. Without `familyId` a new login starts from `userAgent`; with it, the login being
   * refreshed goes on, on the same device, and keeps its end: a login lasts the refresh lifetime
   * from sign-in however often it is used, so even a daily user signs in again now and then.
   */
  async issue(
    tx: Executor,
    account: Account,
    login: { userAgent?: string } | { familyId: string; expiresAt: Date; device: string | null },
  ): Promise<TokenPairDto> {
    const { familyId, expiresAt, device } =
      'familyId' in login
        ? login
        : {
            familyId: randomUUID(),
            expiresAt: new Date(Date.now() + this.config.auth.refreshTtlSeconds * 1000),
            device: describeDevice(login.userAgent),
          };
    const refresh = newSecretToken();
    await this.refreshTokens.insert(tx, { memberId: account.id, familyId, tokenHash: refresh.hash, expiresAt, device });
    const claims: AccessTokenClaims = { sub: account.id, sid: familyId, typ: ACCESS_TOKEN.type };
    return {
      accessToken: await this.jwt.signAsync(claims),
      refreshToken: refresh.token,
      expiresIn: this.config.auth.accessTtlSeconds,
      refreshExpiresIn: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
      user: {
        id: account.id,
        email: account.email,
        name: account.name,
        role: account.role,
        status: account.status,
        isSecretariat: isSecretariat(account),
      },
    };
  }
}
