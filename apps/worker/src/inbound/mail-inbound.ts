import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditTrailModule } from '@seg/audit';
import { ConfigModule, loadConfig } from '@seg/config';
import { DatabaseModule, prepareDatabase } from '@seg/db';
import { readFile } from 'node:fs/promises';
import { InboundMailService } from './inbound-mail.service';
import { InboundRepository } from './inbound.repository';

/**
 * `npm run mail:inbound -- reply.eml [more.eml ...]`: handles saved messages as if they had
 * arrived in the inbound mailbox (a calendar reply saved from a mail program, a bounce), and
 * prints what each was found to be. Uses the same configuration as the app.
 */
async function main(files: string[]): Promise<void> {
  if (!files.length) throw new Error('Usage: npm run mail:inbound -- message.eml [more.eml ...]');
  const config = loadConfig(process.env);
  await prepareDatabase(config.databaseUrl);

  @Module({
    imports: [ConfigModule.forRoot(config), DatabaseModule, AuditTrailModule],
    providers: [InboundRepository, InboundMailService],
  })
  class MailInboundModule {}

  const app = await NestFactory.createApplicationContext(MailInboundModule, { logger: ['warn', 'error'] });
  try {
    const inbound = app.get(InboundMailService);
    for (const file of files) {
      const result = await inbound.handle(await readFile(file));
      process.stdout.write(
        `${file}: ${result.outcome}${result.repeated ? ' (handled before; nothing changed)' : ''} ${JSON.stringify(result.detail)}\n`,
      );
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
