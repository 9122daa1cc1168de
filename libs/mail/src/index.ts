export * from './mail-transport';
export * from './mail-catcher';
