import { Injectable } from '@nestjs/common';
import { Executor } from '@seg/db';
import { NoticeRef } from '@seg/queue';
import { NoticeOutbox } from '../notices/notice-outbox';

/**
 * Starts a new member's activation inside the transaction that creates them: the activation
 * notice goes to the outbox and out by the background email once the caller commits.
 */
@Injectable()
export class MemberActivation {
  constructor(private readonly outbox: NoticeOutbox) {}

  issueActivation(tx: Executor, member: { id: string; email: string }): Promise<NoticeRef[]> {
    return this.outbox.add(tx, [{ kind: 'activation', memberId: member.id, toEmail: member.email }]);
  }
}
