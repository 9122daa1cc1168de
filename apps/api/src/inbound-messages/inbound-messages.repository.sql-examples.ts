import { exampleId, sqlExamples, sqlVariants } from '@seg/db';
import { InboundMessagesRepository } from './inbound-messages.repository';

export default sqlExamples(InboundMessagesRepository, {
  list: sqlVariants({
    'first page': () => [undefined, 50, null],
    'of an outcome, after a message': () => ['bounce', 50, ['2026-06-10T09:00:00.123456+00:00', exampleId(1)]],
  }),
});
