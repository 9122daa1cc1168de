import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const RSVP_REPLIES = ['accepted', 'tentative', 'declined'] as const;
export type RsvpReply = (typeof RSVP_REPLIES)[number];

export class RsvpDto {
  @ApiProperty({ enum: RSVP_REPLIES })
  @IsIn(RSVP_REPLIES)
  response: RsvpReply;
}
