import { Module } from '@nestjs/common';
import { MailAccess } from './mail-access';
import { MAIL_TOKENS, mailTokensProvider } from './mail-tokens';
import { MailerService } from './mailer.service';

/**
 * The worker's one SMTP transport (or mail catcher), for sending notices and reading the
 * catcher's replies; the mailbox's OAuth tokens, shared with the IMAP reader; and whether the
 * provider lets us in.
 */
@Module({
  providers: [mailTokensProvider, MailerService, MailAccess],
  exports: [MailerService, MailAccess, MAIL_TOKENS],
})
export class MailerModule {}
