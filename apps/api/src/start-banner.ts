import { AppConfig } from '@seg/config';

export interface DemoLogin {
  label: string;
  email: string;
  password: string;
}

/** What a person starting the API needs: where to go and, outside production, how to log in. */
export function startBanner(config: AppConfig, logins: DemoLogin[]): string {
  const all = config.admin && !config.isProduction ? [{ label: 'Admin', ...config.admin }, ...logins] : logins;
  const width = Math.max(0, ...all.map((l) => l.email.length));
  return [
    '',
    'SEG Network is running.',
    `  Web app    ${config.publicUrl}/`,
    `  API docs   ${config.publicUrl}/docs`,
    `  Health     ${config.publicUrl}/health`,
    ...(all.length
      ? ['  Logins:', ...all.map((l) => `    ${l.label.padEnd(12)} ${l.email.padEnd(width)}   password: ${l.password}`)]
      : []),
    ...(config.mail.smtpUrl ? [] : [`  Emails are caught, not sent: see ${config.mail.dir}/*.eml`]),
    '',
  ].join('\n');
}
