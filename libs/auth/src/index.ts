export * from './access-token';
export * from './auth.decorators';
export * from './auth.guards';
export * from './auth-guards.module';
export * from './access-token-check';
export * from './session-member.repository';
