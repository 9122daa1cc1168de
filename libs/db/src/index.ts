export * from './schema';
export * from './database';
export * from './database.module';
export * from './prepare-database';
export * from './reference-data';
