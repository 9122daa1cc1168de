import { exampleId, noSql, sqlExamples, sqlVariants } from '@seg/db';
import { MyLearningRepository } from './my-learning.repository';

export default sqlExamples(MyLearningRepository, {
  transaction: noSql('opens a transaction for the methods that take one'),
  owner: () => [exampleId(1)],
  setAppraisalMonth: () => [exampleId(1), 4],
  attended: () => [exampleId(1)],
  entriesBetween: () => [exampleId(1), '2025-04-01', '2026-03-31'],
  lockAttendance: (tx) => [tx, exampleId(1), exampleId(2)],
  saveReflection: sqlVariants({
    'both notes': (tx) => [tx, exampleId(2), { learnt: 'Learnt', willChange: 'Will change' }],
    'one note': (tx) => [tx, exampleId(2), { learnt: 'Learnt' }],
  }),
  insertEntry: (tx) => [tx, { memberId: exampleId(1), title: 'Reading', occurredOn: '2026-06-10', minutes: 60 }],
  updateEntry: (tx) => [tx, exampleId(1), exampleId(3), { title: 'Reading', minutes: 90 }],
  deleteEntry: () => [exampleId(1), exampleId(3)],
});
