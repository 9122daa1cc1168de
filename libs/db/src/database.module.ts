import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Pool } from 'pg';
import { createDatabase, createPool, DB, PG_POOL } from './database';
import { DatabaseChanges } from './database-changes';

@Global()
@Module({
  providers: [
    { provide: PG_POOL, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createPool(config.databaseUrl) },
    { provide: DB, inject: [PG_POOL], useFactory: (pool: Pool) => createDatabase(pool) },
    DatabaseChanges,
  ],
  exports: [DB, PG_POOL, DatabaseChanges],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
