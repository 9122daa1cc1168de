import { exampleId, sqlExamples } from '@seg/db';
import { AttendanceRepository } from './attendance.repository';

export default sqlExamples(AttendanceRepository, {
  countRsvps: () => [exampleId(1)],
  attendanceByRegion: () => [exampleId(1)],
  attendanceByCategory: () => [exampleId(1)],
  attendedByRegion: () => [exampleId(1)],
  attendedByCategory: () => [exampleId(1)],
});
