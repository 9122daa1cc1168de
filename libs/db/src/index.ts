export * from './schema';
export * from './database';
export * from './database.module';
export * from './drizzle-folder';
export * from './prepare-database';
export * from './reference-data';
export * from './current-post';
export * from './current-member';
