import { Inject, Injectable } from '@nestjs/common';
import { erasureAnswerBy } from '@seg/rules';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Database, DB } from '@seg/db';
import { NoticeOutbox } from '@seg/notices';
import { ErasureRequestsRepository } from '@seg/privacy';
import { ErasureRequestReceipt, OpenErasureRequests } from './erasure-request.dto';

@Injectable()
export class ErasureRequestsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly requests: ErasureRequestsRepository,
    private readonly outbox: NoticeOutbox,
  ) {}

  /**
   * Records the member's request and tells the secretariat (notice `erasure-requested`). Asking
   * again while a request is open answers that request and sends nothing more.
   */
  async request(memberId: string): Promise<ErasureRequestReceipt> {
    const { request, notices } = await this.db.transaction(async (tx) => {
      const open = await this.requests.openOf(tx, memberId);
      if (open) return { request: open, notices: [] };
      const request = await this.requests.insert(tx, memberId);
      const notices = await this.outbox.add(tx, [
        {
          kind: 'erasure-requested',
          memberId,
          toEmail: this.config.secretariatEmail,
          payload: { requestId: request.id },
        },
      ]);
      return { request, notices };
    });
    await this.outbox.dispatch(notices);
    return {
      id: request.id,
      requestedAt: request.requestedAt.toISOString(),
      answerBy: erasureAnswerBy(request.requestedAt).toISOString(),
    };
  }

  async listOpen(): Promise<OpenErasureRequests> {
    const now = new Date();
    const rows = await this.requests.listOpen();
    return {
      items: rows.map((r) => {
        const due = erasureAnswerBy(r.requestedAt);
        return {
          id: r.id,
          member: { id: r.memberId, name: r.memberName },
          requestedAt: r.requestedAt.toISOString(),
          ageDays: r.ageDays,
          answerBy: due.toISOString(),
          overdue: due <= now,
        };
      }),
    };
  }
}
