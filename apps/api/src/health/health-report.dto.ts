export class HealthReport {
  status: 'ok' | 'down';
  db: 'up' | 'down';
  redis: 'up' | 'down';
  /**
   * The inbound mailbox (calendar replies, bounces): `up` while a worker reads it, `down` while
   * none can, `auth failed` while the server or the token endpoint refuses the credentials,
   * `off` when there is none to read (no IMAP_URL and no development mail catcher).
   * Informative: mail waits in the mailbox, so it never makes the service unhealthy.
   */
  inbound: 'up' | 'down' | 'auth failed' | 'off';
  /**
   * Sending: `auth failed` while the mail provider refuses the worker's credentials (notices
   * wait, queued, and go once they work again; the worker's log has the provider's reason),
   * `up` otherwise. Informative, like `inbound`.
   */
  mail: 'up' | 'auth failed';
  /** What is down. */
  message?: string;
}
