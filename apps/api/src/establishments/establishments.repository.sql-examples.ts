import { exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { EstablishmentsRepository } from './establishments.repository';

export default sqlExamples(EstablishmentsRepository, {
  search: sqlVariants({
    'first page': () => [{}, 50, null],
    'of a type and region, after a place': () => [
      { typeCode: 'prison', regionId: exampleId(1) },
      50,
      ['HMP Example', exampleId(2)],
    ],
  }),
  searchByName: sqlVariants({
    'first page': () => [{ q: 'Feltham' }, 20, null],
    'of a type and region, after a place': () => [
      { q: 'Feltham', typeCode: 'prison', regionId: exampleId(1) },
      20,
      [1, 0, 'HMP Feltham', exampleId(2)],
    ],
  }),
  getView: () => [exampleId(1)],
  ofRegion: () => [exampleId(1)],
  getById: () => [exampleId(1)],
  getByName: () => ['HMP Example'],
  getByCode: () => ['EXA'],
  existingIds: () => [[exampleId(1), exampleId(2)]],
  listNames: () => [],
  placeKeys: () => [['HMP Feltham', 'Feltham YOI']],
  typeExists: () => ['prison'],
  listTypes: () => [],
  insert: (tx) => [tx, { name: 'HMP Example', regionId: exampleId(1), typeCode: 'prison' }],
  update: (tx) => [tx, exampleId(2), { name: 'HMP Example' }],
});
