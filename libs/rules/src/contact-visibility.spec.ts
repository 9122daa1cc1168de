import type { Visibility } from '@seg/db';
import {
  ContactSubject,
  contactsShownTo,
  listedToMembers,
  seesRecord,
  visibilityClass,
  visibleContacts,
} from './contact-visibility';

const subject = (over: Partial<ContactSubject>): ContactSubject => ({
  id: 'subject',
  email: 'a@example.org',
  phone: '01632 960123',
  emailVisibility: 'members',
  phoneVisibility: 'members',
  categoryPrivate: false,
  isCurrentRep: false,
  ...over,
});
const member = { id: 'viewer', role: 'member' as const };

describe('visibleContacts', () => {
  const choices: Visibility[] = ['members', 'secretariat'];

  for (const email of choices)
    for (const phone of choices)
      for (const isCurrentRep of [false, true])
        for (const categoryPrivate of [false, true]) {
          const s = subject({ emailVisibility: email, phoneVisibility: phone, isCurrentRep, categoryPrivate });
          it(`email ${email}, phone ${phone}, rep ${isCurrentRep}, private category ${categoryPrivate}`, () => {
            expect(visibleContacts(s, { id: 'sec', role: 'secretariat' })).toEqual({ email: s.email, phone: s.phone });
            expect(visibleContacts(s, { id: 'adm', role: 'admin' })).toEqual({ email: s.email, phone: s.phone });
            expect(visibleContacts(s, { id: 'subject', role: 'member' })).toEqual({ email: s.email, phone: s.phone });
            const emailShown = email === 'members' || (isCurrentRep && !categoryPrivate);
            expect(visibleContacts(s, member)).toEqual({
              email: emailShown ? s.email : null,
              phone: phone === 'members' ? s.phone : null,
            });
            // What My details says of whom each detail reaches is the same rule.
            expect(contactsShownTo(s)).toEqual({
              email: emailShown ? 'members' : 'secretariat',
              phone: phone === 'members' ? 'members' : 'secretariat',
            });
          });
        }
});

describe('seesRecord', () => {
  const inLondon = { id: 'subject', regionId: 'london' };

  it("shows a member's record to the secretariat, to the member, and to the representatives of the member's region only", () => {
    expect(seesRecord({ id: 'x', role: 'secretariat' }, inLondon)).toBe(true);
    expect(seesRecord({ id: 'subject', role: 'member' }, inLondon)).toBe(true);
    expect(seesRecord({ id: 'x', role: 'member', representedRegionIds: ['london'] }, inLondon)).toBe(true);
    expect(seesRecord({ id: 'x', role: 'member', representedRegionIds: ['wales'] }, inLondon)).toBe(false);
    expect(seesRecord({ id: 'x', role: 'member' }, inLondon)).toBe(false);
    expect(
      seesRecord({ id: 'x', role: 'member', representedRegionIds: ['london'] }, { id: 'subject', regionId: null }),
    ).toBe(false);
  });

  it("leaves contact details to the member's choice even for their representative", () => {
    const rep = { id: 'x', role: 'member' as const, representedRegionIds: ['london'] };
    expect(visibleContacts(subject({ emailVisibility: 'secretariat', phoneVisibility: 'secretariat' }), rep)).toEqual({
      email: null,
      phone: null,
    });
  });
});

describe('listedToMembers', () => {
  const base = { listable: true, listed: true, isCurrentRep: false, categoryPrivate: false };

  it('lists a current member as they chose', () => {
    expect(listedToMembers(base)).toBe(true);
    expect(listedToMembers({ ...base, listed: false })).toBe(false);
    expect(listedToMembers({ ...base, listable: false })).toBe(false);
  });

  it('lists a current representative whatever they chose, except a patient / service-user representative, who chooses', () => {
    expect(listedToMembers({ ...base, listed: false, isCurrentRep: true })).toBe(true);
    expect(listedToMembers({ ...base, listed: false, isCurrentRep: true, categoryPrivate: true })).toBe(false);
    expect(listedToMembers({ ...base, listed: true, isCurrentRep: true, categoryPrivate: true })).toBe(true);
    expect(listedToMembers({ ...base, listable: false, isCurrentRep: true })).toBe(false);
  });
});

describe('visibilityClass', () => {
  it('groups viewers by what they may see of others, never by who they are', () => {
    expect(visibilityClass({ id: 'a', role: 'member' })).toBe(visibilityClass({ id: 'b', role: 'member' }));
    expect(visibilityClass({ id: 'a', role: 'secretariat' })).toBe(visibilityClass({ id: 'b', role: 'admin' }));
    expect(visibilityClass({ id: 'a', role: 'member' })).not.toBe(visibilityClass({ id: 'a', role: 'secretariat' }));
    const rep = (...regions: string[]) => visibilityClass({ id: 'a', role: 'member', representedRegionIds: regions });
    expect(rep('r1', 'r2')).toBe(rep('r2', 'r1'));
    expect(rep('r1')).not.toBe(rep('r2'));
    expect(rep('r1')).not.toBe(visibilityClass({ id: 'a', role: 'member' }));
  });
});
