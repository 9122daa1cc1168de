import { exampleId, sqlExamples } from '@seg/db';
import { AudienceLookupsRepository } from './audience-lookups.repository';

export default sqlExamples(AudienceLookupsRepository, {
  findRegionIds: () => [['LON', 'NW']],
  findCategoryIds: () => [['GP', 'NURSE']],
  findMemberRegions: () => [[exampleId(1), exampleId(2)]],
  findErased: () => [[exampleId(1), exampleId(2)]],
});
