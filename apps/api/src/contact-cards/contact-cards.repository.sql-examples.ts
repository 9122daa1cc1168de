import { exampleId, sqlExamples } from '@seg/db';
import { ContactCardsRepository } from './contact-cards.repository';

export default sqlExamples(ContactCardsRepository, {
  nameKeys: () => [[exampleId(1), exampleId(2)]],
});
