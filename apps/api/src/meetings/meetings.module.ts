import { Module } from '@nestjs/common';
import { RecordsModule } from '@seg/records';
import { RegionsModule } from '../regions/regions.module';
import { MeetingAccess } from './meeting-access.service';
import { MeetingCalendarService } from './meeting-calendar.service';
import { MeetingFollowUpService } from './meeting-follow-up.service';
import { MeetingsController } from './meetings.controller';
import { AttendanceRepository } from './attendance.repository';
import { AudienceLookupsRepository } from './audience-lookups.repository';
import { InvitationsRepository } from './invitations.repository';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [RegionsModule, RecordsModule],
  controllers: [MeetingsController],
  providers: [
    MeetingsRepository,
    InvitationsRepository,
    AttendanceRepository,
    AudienceLookupsRepository,
    MeetingsService,
    MeetingAccess,
    MeetingFollowUpService,
    MeetingCalendarService,
  ],
  exports: [MeetingsService, MeetingAccess, MeetingFollowUpService, MeetingsRepository, InvitationsRepository],
})
export class MeetingsModule {}
