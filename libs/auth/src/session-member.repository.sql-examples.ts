import { exampleId, sqlExamples } from '@seg/db';
import { SessionMemberRepository } from './session-member.repository';

export default sqlExamples(SessionMemberRepository, {
  getIfSessionLive: () => [exampleId(1), exampleId(2)],
});
