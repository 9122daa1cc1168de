import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditTrailModule } from '@seg/audit';
import { AppConfig, ConfigModule, loadConfig } from '@seg/config';
import { DatabaseModule, prepareDatabase } from '@seg/db';
import { RecordsModule } from '@seg/records';
import { invitationReplyAddress, rsvpLink } from '@seg/links';
import { ClockModule, meetingCalendar } from '@seg/rules';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Answer, calendarReply } from './answer-by-hand';
import { InboundMailService } from './inbound-mail.service';
import { InboundRepository } from './inbound.repository';

const USAGE = [
  'Usage: npm run mail:inbound -- message.eml [more.eml ...]',
  '   or: npm run mail:inbound -- --reply accepted|tentative|declined --meeting <meeting id> --member <email>',
].join('\n');
const ANSWERS: readonly string[] = ['accepted', 'tentative', 'declined'];

/**
 * `npm run mail:inbound -- reply.eml [more.eml ...]`: handles saved messages as if they had
 * arrived in the inbound mailbox (a calendar reply saved from a mail program, a bounce), and
 * prints what each was found to be. With `--reply`, it answers a real invitation as Outlook
 * would (from the invitee, to the address their invitation named) and handles that. Uses the
 * same configuration as the app.
 */
async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { reply: { type: 'string' }, meeting: { type: 'string' }, member: { type: 'string' } },
  });
  if (values.reply !== undefined && (!ANSWERS.includes(values.reply) || !values.meeting || !values.member))
    throw new Error(USAGE);
  if (values.reply === undefined && !positionals.length) throw new Error(USAGE);
  const config = loadConfig(process.env);
  await prepareDatabase(config.databaseUrl);

  @Module({
    imports: [ConfigModule.forRoot(config), DatabaseModule, AuditTrailModule, ClockModule, RecordsModule],
    providers: [InboundRepository, InboundMailService],
  })
  class MailInboundModule {}

  const app = await NestFactory.createApplicationContext(MailInboundModule, { logger: ['warn', 'error'] });
  try {
    const inbound = app.get(InboundMailService);
    const messages: [string, Buffer][] = [];
    if (values.reply !== undefined) {
      const reply = await replyTo(app.get(InboundRepository), config, {
        answer: values.reply as Answer,
        meetingId: values.meeting!,
        email: values.member!,
      });
      messages.push([`${values.member} ${values.reply}`, reply]);
    }
    for (const file of positionals) messages.push([file, await readFile(file)]);
    for (const [name, raw] of messages) {
      const result = await inbound.handle(raw);
      process.stdout.write(
        `${name}: ${result.outcome}${result.repeated ? ' (handled before; nothing changed)' : ''} ${JSON.stringify(result.detail)}\n`,
      );
    }
  } finally {
    await app.close();
  }
}

/** The member's answer to their invitation, made from the invitation as its email carried it. */
async function replyTo(
  invitations: InboundRepository,
  config: AppConfig,
  asked: { answer: Answer; meetingId: string; email: string },
): Promise<Buffer> {
  const found = await invitations.findInvitation(asked.meetingId, asked.email);
  if (!found) throw new Error(`${asked.email} has no invitation to meeting ${asked.meetingId}`);
  const { meeting } = found;
  if (!meeting.startsAt || !meeting.endsAt) throw new Error('The meeting has no date');
  const secret = config.auth.jwtSecret;
  const invitation = meetingCalendar({
    meeting: { ...meeting, startsAt: meeting.startsAt, endsAt: meeting.endsAt },
    mailFrom: config.mail.from,
    invitee: {
      name: found.name,
      email: found.email,
      rsvp: found.rsvp,
      rsvpUrl: rsvpLink(config.publicUrl, secret, found.invitationId),
      replyAddress: invitationReplyAddress(config.mail.bounceAddress, found.invitationId, secret),
    },
    cancelled: meeting.status === 'cancelled',
  });
  return calendarReply(invitation, asked.answer, new Date());
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
