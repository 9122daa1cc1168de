export class HealthReport {
  status: 'ok' | 'down';
  db: 'up' | 'down';
  redis: 'up' | 'down';
  /**
   * The inbound mailbox (calendar replies, bounces): `up` while a worker reads it, `down` while
   * none can, `off` when there is none to read (no IMAP_URL and no development mail catcher).
   * Informative: mail waits in the mailbox, so it never makes the service unhealthy.
   */
  inbound: 'up' | 'down' | 'off';
  /** What is down. */
  message?: string;
}
