import { exampleId, sqlExamples } from '@seg/db';
import { CategoriesRepository } from './categories.repository';

export default sqlExamples(CategoriesRepository, {
  listAll: () => [],
  getById: () => [exampleId(1)],
  getByCode: () => ['GP'],
  insert: (tx) => [tx, { code: 'GP', name: 'General practitioner' }],
  update: (tx) => [tx, exampleId(1), { name: 'General practitioner' }],
});
