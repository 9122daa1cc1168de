import { ApiProperty } from '@nestjs/swagger';
import { NOTICE_CHOICES, type NoticeChoice } from '@seg/db';
import { IsBoolean, IsOptional } from 'class-validator';

/** The kinds of meeting notice a member receives (true) or turned off (false). Account emails always go. */
export class NoticePreferences {
  /** Meetings of the national group (the hub), the Health and Justice Summit and other national events. */
  hubMeetings: boolean;
  /** Regional meetings. */
  regionalMeetings: boolean;
  /** The reminder before a meeting the member is going to or has not answered. */
  reminders: boolean;
  /**
   * Messages from other members through the group's mail, which reach the member while their
   * address stays hidden from the sender.
   */
  messages: boolean;
}

/** A change of some of the member's choices; those left out stay as they are. */
export class NoticePreferencesChange {
  @IsOptional()
  @IsBoolean()
  hubMeetings?: boolean;

  @IsOptional()
  @IsBoolean()
  regionalMeetings?: boolean;

  @IsOptional()
  @IsBoolean()
  reminders?: boolean;

  @IsOptional()
  @IsBoolean()
  messages?: boolean;
}

/** Each field of the API that turns a kind of meeting notice on or off, and that kind. */
export const PREFERENCE_FIELDS: Record<Exclude<keyof NoticePreferences, 'messages'>, NoticeChoice> = {
  hubMeetings: 'hub-meetings',
  regionalMeetings: 'regional-meetings',
  reminders: 'reminders',
};

export function noticePreferences(member: {
  noticesOff: readonly NoticeChoice[];
  acceptsMessages: boolean;
}): NoticePreferences {
  const { noticesOff } = member;
  return {
    hubMeetings: !noticesOff.includes('hub-meetings'),
    regionalMeetings: !noticesOff.includes('regional-meetings'),
    reminders: !noticesOff.includes('reminders'),
    messages: member.acceptsMessages,
  };
}

/** The answer to a one-click unsubscribe made as a JSON call. */
export class UnsubscribedView {
  /** The kind of meeting notice turned off. */
  @ApiProperty({ enum: NOTICE_CHOICES })
  turnedOff: NoticeChoice;
  noticePreferences: NoticePreferences;
}
