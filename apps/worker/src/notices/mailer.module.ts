import { Module } from '@nestjs/common';
import { MailerService } from './mailer.service';

/** The worker's one SMTP transport (or mail catcher), for sending notices and reading the catcher's replies. */
@Module({ providers: [MailerService], exports: [MailerService] })
export class MailerModule {}
