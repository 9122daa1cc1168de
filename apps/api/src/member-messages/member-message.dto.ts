import { ApiPropertyOptional } from '@nestjs/swagger';
import { MultilineText, PageOf } from '@seg/http';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** The most a message may hold: a note between colleagues, not a document. */
export const MESSAGE_TEXT_LIMIT = 5_000;

export class SendMessageDto {
  /** One line. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  /** Plain text, up to 5,000 characters. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(MESSAGE_TEXT_LIMIT)
  @MultilineText()
  text: string;
}

/** A message on its way; nothing of the recipient but that it was accepted. */
export class MessageReceipt {
  /** When it was accepted, ISO-8601. */
  sentAt: string;
  /** Messages you have sent today (London's day), this one included. */
  sentToday: number;
  dailyLimit: number;
}

/** Whether you may write to a member through the group's mail, and why not. */
export class MessagePermission {
  canSend: boolean;
  /** Why not, in words; null when you may. */
  reason: string | null;
  sentToday: number;
  dailyLimit: number;
}

/** A message as its "Report this message" link shows it. */
export class ReportedMessageView {
  senderName: string;
  sentAt: string;
  /** When it was reported; null until then. */
  reportedAt: string | null;
}

export class ReportMessageDto {
  /** What the recipient wants the secretariat to know. */
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @MultilineText()
  note?: string;
}

export class MessageMember {
  id: string;
  name: string;
}

/** A reported message for the secretariat: who wrote to whom and when; the text was never kept. */
export class MessageReport {
  messageId: string;
  sender: MessageMember;
  recipient: MessageMember;
  sentAt: string;
  reportedAt: string;
  note: string | null;
}

export class MessageReportPage extends PageOf(MessageReport) {}
