import { PartialType } from '@nestjs/swagger';
import { CreateMeetingDto } from './create-meeting.dto';

/** Any subset of the meeting's fields; null clears the agenda, venue or online link. */
export class UpdateMeetingDto extends PartialType(CreateMeetingDto, { skipNullProperties: false }) {}
