import { loadConfig } from '@seg/config';
import { restoreBackup } from './database-backup';

const USAGE = 'Usage: npm run restore -- <backup file> [--replace]';

/**
 * `npm run restore -- <file>`: restores a backup into DATABASE_URL's database, which must be
 * empty (or missing) unless --replace is given. Stop the API and the worker first; they migrate
 * the restored database when they start again.
 */
async function main(args: string[]): Promise<void> {
  const replace = args.includes('--replace');
  const files = args.filter((a) => a !== '--replace');
  if (files.length !== 1 || files[0].startsWith('-')) throw new Error(USAGE);
  const config = loadConfig(process.env);
  await restoreBackup(config.databaseUrl, files[0], { replace });
  process.stdout.write(`Restored ${files[0]}; start the API and the worker to migrate it and serve it\n`);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`Restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
