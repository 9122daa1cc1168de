import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { NoticeOutbox } from '@seg/notices';
import { Clock } from '@seg/rules';
import { CertificateNoticesRepository } from './certificate-notices.repository';

const SWEEP_EVERY_MS = 60_000;
// Notices written per transaction: a summit's attendees in a few.
const BATCH = 500;

/**
 * Emails each attendee their certificate once the meeting has closed (an hour after its end,
 * when check-in stops), and an attendance marked later soon after: a notice through the outbox,
 * written in the transaction that records it was, so nobody gets two.
 */
@Injectable()
export class CertificateSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CertificateSweep.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: CertificateNoticesRepository,
    private readonly outbox: NoticeOutbox,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runSafely(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async runSafely(): Promise<void> {
    try {
      await this.run();
    } catch (err) {
      this.logger.warn({ err }, 'Could not write the certificates due; will try again');
    }
  }

  /** Writes and queues the certificates due now; answers how many. */
  async run(): Promise<number> {
    let written = 0;
    for (;;) {
      const now = this.clock.now();
      const refs = await this.repository.transaction(async (tx) => {
        const due = await this.repository.lockDue(tx, now, BATCH);
        if (!due.length) return null;
        await this.repository.markEmailed(
          tx,
          due.map((d) => d.attendanceId),
          now,
        );
        return this.outbox.add(
          tx,
          due.map((d) => ({
            kind: 'attendance-certificate' as const,
            memberId: d.memberId,
            toEmail: d.email,
            payload: { attendanceId: d.attendanceId },
          })),
        );
      });
      if (!refs) break;
      written += refs.length;
      await this.outbox.dispatch(refs);
    }
    if (written) this.logger.log({ certificates: written }, 'Certificates written');
    return written;
  }
}
