import { ApiProperty } from '@nestjs/swagger';
import { MemberRecord } from '../members/dto/member-record.dto';

const ROWS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/** Everything held about a member (a subject access request): each table's rows that refer to them. */
export class MyData {
  exportedAt: string;
  /** Their record: details, category, region, establishments, posts past and present. */
  member: MemberRecord;
  /** Meetings they were invited to, with their replies. */
  @ApiProperty(ROWS)
  invitations: Record<string, unknown>[];
  /** Invitations they sent, running a meeting of their region. */
  @ApiProperty(ROWS)
  invitationsSent: Record<string, unknown>[];
  @ApiProperty(ROWS)
  meetingsCreated: Record<string, unknown>[];
  /** Every email sent to them, with its dates and delivery state. */
  @ApiProperty(ROWS)
  notices: Record<string, unknown>[];
  /** Their sign-ins (device and dates). */
  @ApiProperty(ROWS)
  sessions: Record<string, unknown>[];
  /** Activation and password-reset links (never the link itself). */
  @ApiProperty(ROWS)
  oneTimeLinks: Record<string, unknown>[];
  /** Changes to their record: who, when, before and after. */
  @ApiProperty(ROWS)
  audit: Record<string, unknown>[];
  /** Changes to the posts they held (given, changed, ended): who, when, before and after. */
  @ApiProperty(ROWS)
  auditOfPosts: Record<string, unknown>[];
  /** Changes they made to other records: which, when, what kind. */
  @ApiProperty(ROWS)
  auditByThem: Record<string, unknown>[];
  /** Mail received about them: their calendar replies and the bounces of emails sent to them. */
  @ApiProperty(ROWS)
  inboundMessages: Record<string, unknown>[];
  /** Their requests to be erased, open or answered. */
  @ApiProperty(ROWS)
  erasureRequests: Record<string, unknown>[];
  /** Their private calendar feed: when its address was made (never the address itself). */
  @ApiProperty(ROWS)
  calendarFeeds: Record<string, unknown>[];
  /** Meetings they attended, with each certificate number and (in their own copy) their reflection. */
  @ApiProperty(ROWS)
  attendance: Record<string, unknown>[];
  /** Their own entries of learning outside the network (in their own copy, with their notes). */
  @ApiProperty(ROWS)
  learningEntries: Record<string, unknown>[];
  /** Messages they sent or received through the group's mail: who, when, any report; the text is never kept. */
  @ApiProperty(ROWS)
  messages: Record<string, unknown>[];
  /**
   * `included` in the member's own export; `withheld` in the secretariat's copy: reflective notes
   * are the member's alone, and the secretariat never reads them.
   */
  @ApiProperty({ enum: ['included', 'withheld'] })
  reflectiveNotes: 'included' | 'withheld';
}
