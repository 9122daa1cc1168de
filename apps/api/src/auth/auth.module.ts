import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { RecordsModule } from '@seg/records';
import { AccountTokensService } from './account-tokens.service';
import { AccountsRepository } from './accounts.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { LoginThrottle } from './login-throttle';
import { MemberSessionsController } from './member-sessions.controller';
import { OneTimeTokensRepository } from './one-time-tokens.repository';
import { PasswordHasher } from './password-hasher';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionTokensService } from './session-tokens.service';
import { ThrottleModule } from '../throttle/fixed-windows';

@Module({
  imports: [
    ThrottleModule,
    RecordsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: {
          algorithm: ACCESS_TOKEN.algorithm,
          issuer: ACCESS_TOKEN.issuer,
          audience: ACCESS_TOKEN.audience,
          expiresIn: config.auth.accessTtlSeconds,
        },
      }),
    }),
  ],
  controllers: [AuthController, MemberSessionsController],
  providers: [
    AccountsRepository,
    RefreshTokensRepository,
    OneTimeTokensRepository,
    PasswordHasher,
    LoginThrottle,
    SessionTokensService,
    AuthService,
    AccountTokensService,
    FirstAdminService,
  ],
  // Other features invite members through AccountTokensService.issueActivation; the web app's
  // cookie session routes log in through AuthService.
  exports: [AuthService, AccountTokensService, PasswordHasher],
})
export class AuthModule {}
