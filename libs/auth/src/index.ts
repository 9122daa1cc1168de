export * from './access-token';
export * from './auth.decorators';
export * from './auth.guards';
export * from './auth-guards.module';
export * from './jwt.strategy';
export * from './session-member.repository';
