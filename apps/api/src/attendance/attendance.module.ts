import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { ThrottleModule } from '../throttle/fixed-windows';
import { AttendanceImportController } from './attendance-import.controller';
import { AttendanceImportRepository } from './attendance-import.repository';
import { AttendanceImportService } from './attendance-import.service';
import { AttendanceRegisterRepository } from './attendance-register.repository';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { CheckInThrottle } from './check-in-throttle';

/** Who came to which meeting: the organiser's register and the members' own check-in. */
@Module({
  imports: [MeetingsModule, ThrottleModule],
  controllers: [AttendanceController, AttendanceImportController],
  providers: [
    AttendanceRegisterRepository,
    AttendanceService,
    CheckInThrottle,
    AttendanceImportRepository,
    AttendanceImportService,
  ],
})
export class AttendanceModule {}
