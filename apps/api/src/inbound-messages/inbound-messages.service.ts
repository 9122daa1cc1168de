import { Injectable } from '@nestjs/common';
import { KeysetPages, Page } from '@seg/http';
import { toLondonIso } from '@seg/rules';
import { InboundMessageView } from './inbound-message.dto';
import { InboundMessagesQuery } from './inbound-messages.query';
import { InboundMessagePosition, InboundMessageRow, InboundMessagesRepository } from './inbound-messages.repository';

/** What the worker made of each message in the inbound mailbox, for the secretariat; the worker writes it. */
@Injectable()
export class InboundMessagesService {
  constructor(
    private readonly messages: InboundMessagesRepository,
    private readonly pages: KeysetPages,
  ) {}

  async list(query: InboundMessagesQuery): Promise<Page<InboundMessageView>> {
    const request = this.pages.open<InboundMessagePosition>(`inbound:${query.outcome ?? 'all'}`, query, [
      'string',
      'string',
    ]);
    const { rows, total } = await this.messages.list(query.outcome, request.fetch, request.after);
    return request.page(
      rows,
      total,
      (r) => r.position,
      (r) => toView(r.row),
    );
  }
}

function toView(row: InboundMessageRow): InboundMessageView {
  const { reason, error } = row.detail;
  return {
    id: row.id,
    messageId: row.messageId,
    outcome: row.outcome,
    reason: typeof reason === 'string' ? (typeof error === 'string' ? `${reason}: ${error}` : reason) : null,
    receivedAt: toLondonIso(row.receivedAt),
    meeting: row.meeting,
    invitationId: row.invitationId,
    noticeId: row.noticeId,
  };
}
