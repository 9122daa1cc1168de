import { exampleId, sqlExamples } from '@seg/db';
import { SubjectAccessRepository } from './subject-access.repository';

const member = exampleId(1);

export default sqlExamples(SubjectAccessRepository, {
  invitationsOf: () => [member],
  invitationsSentBy: () => [member],
  meetingsCreatedBy: () => [member],
  noticesTo: () => [member],
  sessionsOf: () => [member],
  oneTimeLinksOf: () => [member],
  auditOf: () => [member],
  auditOfPosts: () => [member],
  inboundAbout: () => [member],
  auditBy: () => [member],
  calendarFeedsOf: () => [member],
  attendanceOf: () => [member, true],
  learningEntriesOf: () => [member, true],
  messagesOf: () => [member],
});
