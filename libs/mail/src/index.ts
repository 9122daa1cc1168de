export * from './mail-transport';
export * from './mail-catcher';
export * from './bounce-address';
export * from './send-error';
export * from './oauth-tokens';
export * from './dkim';
