import { canonicalAddress, matchInvitee } from './invitee-match';

const invitees = [
  { email: 'jo.bloggs@example.net' },
  { email: 'Sam+SEG@example.net' },
  { email: 'ash@example.net' },
  { email: 'ash+rep@example.net' },
];

describe('matchInvitee', () => {
  it('takes the attendee address whatever its letter case', () => {
    expect(matchInvitee(invitees, ['JO.Bloggs@Example.NET'], null)).toBe(invitees[0]);
  });

  it('matches an address that differs only by a +tag, either way round', () => {
    expect(canonicalAddress('Sam+SEG@Example.net')).toBe('sam@example.net');
    expect(matchInvitee(invitees, ['sam@example.net'], 'sam@example.net')).toBe(invitees[1]);
    expect(matchInvitee(invitees, ['jo.bloggs+calendar@example.net'], null)).toBe(invitees[0]);
  });

  it('lets From settle two invitees that differ only by a tag, and never matches on From alone', () => {
    expect(matchInvitee(invitees, ['ash+other@example.net'], 'ash+rep@example.net')).toBe(invitees[3]);
    expect(matchInvitee(invitees, ['ash+other@example.net'], null)).toBeNull();
    expect(matchInvitee(invitees, ['stranger@example.net'], 'jo.bloggs@example.net')).toBeNull();
  });
});
