import { ApiProperty } from '@nestjs/swagger';

/** The nightly backup, as the worker last recorded it. Informative: it never makes the service unhealthy. */
export class BackupHealth {
  /** `ok`: the last attempt worked; `failed`: the latest attempt failed (the secretariat's overview says why); `none`: no backup yet. */
  status: 'ok' | 'failed' | 'none';
  /** When the last good backup was taken. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastAt: string | null;
  /** Its size in bytes. */
  @ApiProperty({ nullable: true, type: Number })
  sizeBytes: number | null;
  /** When the failing attempt ran, while `failed`. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  failedAt: string | null;
}

export class HealthReport {
  /** `stopping` from the API's SIGTERM on: send nothing more to this process. */
  status: 'ok' | 'down' | 'stopping';
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
  /** Null when Redis, where the worker records it, does not answer. */
  @ApiProperty({ type: BackupHealth, nullable: true })
  backup: BackupHealth | null;
  /** What is down, or that the API is stopping. */
  message?: string;
}
