import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { BodyTypeGuard } from '@seg/http';
import { JwtAuthGuard, RolesGuard } from './auth.guards';
import { JwtStrategy } from './jwt.strategy';
import { SessionMemberRepository } from './session-member.repository';

/**
 * Denied by default: the JWT guard, then the roles guard, on every route of the API; then the
 * body type check, so that who may call a route is answered first (global guards run in the
 * order they are bound).
 */
@Module({
  imports: [PassportModule],
  providers: [
    SessionMemberRepository,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: BodyTypeGuard },
  ],
})
export class AuthGuardsModule {}
