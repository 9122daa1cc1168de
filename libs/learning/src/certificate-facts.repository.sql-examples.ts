import { exampleId, sqlExamples } from '@seg/db';
import { CertificateFactsRepository } from './certificate-facts.repository';

export default sqlExamples(CertificateFactsRepository, {
  byNumber: () => ['SEG-2026-ABCD-1234'],
  byAttendanceId: () => [exampleId(1)],
});
