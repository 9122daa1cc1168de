import { exampleId, sqlExamples } from '@seg/db';
import { ErasureRepository } from './erasure.repository';

const member = exampleId(1);

export default sqlExamples(ErasureRepository, {
  lockMember: (tx) => [tx, member],
  nextFormerNumber: (tx) => [tx],
  auditOfMember: (tx) => [tx, member],
  calendarReplyAddresses: (tx) => [tx, member],
  auditMentioning: (tx) => [tx, ['Ada Lovelace', 'ada@example.org'], member],
  meetingsMentioning: (tx) => [tx, ['Ada Lovelace', 'ada@example.org']],
  saveMentions: (tx) => [
    tx,
    member,
    [{ meetingId: exampleId(2), field: 'agenda', snippet: 'Talk by [erased]', textDigest: 'sha256' }],
  ],
  rewriteAudit: (tx) => [tx, exampleId(3), { name: '[erased]' }, { name: '[erased]' }],
  deleteBelongings: (tx) => [tx, member],
  anonymiseLedger: (tx) => [tx, member],
  replaceMember: (tx) => [tx, member, { name: 'Former member 1', email: 'former-1@erased.invalid' }],
});
