import { EXAMPLE_TIME, exampleId, noSql, sqlExamples } from '@seg/db';
import { CertificateNoticesRepository } from './certificate-notices.repository';

export default sqlExamples(CertificateNoticesRepository, {
  transaction: noSql('opens a transaction for the methods that take one'),
  lockDue: (tx) => [tx, EXAMPLE_TIME, 100],
  markEmailed: (tx) => [tx, [exampleId(1), exampleId(2)], EXAMPLE_TIME],
});
