import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { OAuthTokens } from '@seg/mail';
import { Clock } from '@seg/rules';

/** The worker's one token cache for the mailbox (SMTP and IMAP share it); null with passwords. */
export const MAIL_TOKENS = Symbol('MAIL_TOKENS');

export const mailTokensProvider: Provider = {
  provide: MAIL_TOKENS,
  inject: [APP_CONFIG, Clock],
  useFactory: (config: AppConfig, clock: Clock): OAuthTokens | null =>
    config.mail.auth.kind === 'oauth2' ? new OAuthTokens(config.mail.auth.grant, { clock }) : null,
};
