import { noticeBounceAddress } from '../../mail/src/bounce-address';
import { invitationReplyAddress, readInvitationReplyAddress } from './reply-address';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-use';
const INVITATION = '5d2c8c59-8a53-4c1e-9d0e-2b1f3a4c5d6e';

describe("an invitee's reply address", () => {
  it('tags the mailbox with the invitation and a MAC, and reads it back whatever the case', () => {
    const address = invitationReplyAddress('seg@seg.example', INVITATION, SECRET);
    expect(address).toMatch(/^seg\+i\.5d2c8c598a534c1e9d0e2b1f3a4c5d6e\.[0-9a-f]{10}@seg\.example$/);
    expect(readInvitationReplyAddress(address, 'seg@seg.example', SECRET)).toBe(INVITATION);
    expect(readInvitationReplyAddress(address.toUpperCase(), 'SEG@seg.example', SECRET)).toBe(INVITATION);
  });

  it('refuses what it did not make: the plain mailbox, a guessed MAC, another invitation, a bounce address', () => {
    const address = invitationReplyAddress('seg@seg.example', INVITATION, SECRET);
    expect(readInvitationReplyAddress('seg@seg.example', 'seg@seg.example', SECRET)).toBeNull();
    expect(
      readInvitationReplyAddress(address.replace(/\.[0-9a-f]{10}@/, '.0000000000@'), 'seg@seg.example', SECRET),
    ).toBeNull();
    expect(readInvitationReplyAddress(address.replace('5d2c', '6d2c'), 'seg@seg.example', SECRET)).toBeNull();
    expect(
      readInvitationReplyAddress(address, 'seg@seg.example', 'another-secret-of-sufficient-length-here'),
    ).toBeNull();
    expect(readInvitationReplyAddress(address, 'other@seg.example', SECRET)).toBeNull();
    const bounce = noticeBounceAddress('seg@seg.example', INVITATION, SECRET);
    expect(readInvitationReplyAddress(bounce, 'seg@seg.example', SECRET)).toBeNull();
    expect(readInvitationReplyAddress(bounce.replace('+b.', '+i.'), 'seg@seg.example', SECRET)).toBeNull();
  });
});
