import { exampleId, sqlExamples } from '@seg/db';
import { ErasureRequestsRepository } from './erasure-requests.repository';

export default sqlExamples(ErasureRequestsRepository, {
  openOf: (tx) => [tx, exampleId(1)],
  insert: (tx) => [tx, exampleId(1)],
  closeAllOf: (tx) => [tx, exampleId(1)],
  listOpen: () => [],
  requestsOf: () => [exampleId(1)],
});
