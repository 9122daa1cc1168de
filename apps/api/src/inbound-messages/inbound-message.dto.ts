import { ApiProperty } from '@nestjs/swagger';
import { INBOUND_OUTCOMES, InboundOutcome } from '@seg/db';
import { PageOf } from '@seg/http';

export class InboundMessageMeeting {
  id: string;
  title: string;
}

/** A message read from the inbound mailbox, as the worker recorded it (no address: find it in the mailbox by its Message-ID). */
export class InboundMessageView {
  id: string;
  /** Its Message-ID header, angle brackets included: how to find it in the mailbox's Processed or Unmatched folder. */
  messageId: string;
  @ApiProperty({ enum: INBOUND_OUTCOMES })
  outcome: InboundOutcome;
  /** Why it changed nothing and went to Unmatched, in words; null when it was matched. */
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  /** London time, with its offset. */
  receivedAt: string;
  /** The meeting it was about, when that is known. */
  @ApiProperty({ type: InboundMessageMeeting, nullable: true })
  meeting: InboundMessageMeeting | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  invitationId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  noticeId: string | null;
}

export class InboundMessagePage extends PageOf(InboundMessageView) {}
