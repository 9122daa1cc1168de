import { Module } from '@nestjs/common';
import { MeetingCalendarService } from './meeting-calendar.service';
import { MeetingFollowUpService } from './meeting-follow-up.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

@Module({
  controllers: [MeetingsController],
  providers: [MeetingsRepository, MeetingsService, MeetingFollowUpService, MeetingCalendarService],
  exports: [MeetingsRepository, MeetingsService],
})
export class MeetingsModule {}
