import { exampleId, sqlExamples } from '@seg/db';
import { AttendanceImportRepository } from './attendance-import.repository';

export default sqlExamples(AttendanceImportRepository, {
  memberByEmail: (tx) => [tx, 'ada@example.org'],
  summitByNumber: (tx) => [tx, 12],
  createSummit: (tx) => [tx, { number: 12, year: 2019, title: 'Summit', venue: null, cpdMinutes: 300 }],
  setCpdMinutes: (tx) => [tx, exampleId(1), 300],
});
