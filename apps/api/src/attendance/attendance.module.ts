import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { AttendanceRegisterRepository } from './attendance-register.repository';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { CheckInThrottle } from './check-in-throttle';

/** Who came to which meeting: the organiser's register and the members' own check-in. */
@Module({
  imports: [MeetingsModule],
  controllers: [AttendanceController],
  providers: [AttendanceRegisterRepository, AttendanceService, CheckInThrottle],
})
export class AttendanceModule {}
