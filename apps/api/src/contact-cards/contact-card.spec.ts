import { parseCards } from '../../../../test/support/vcard';
import type { DirectoryMember } from '../directory/directory-member.dto';
import { contactCards, namePartsFromKeys } from './contact-card';

/** Words with keys as seg_search_key writes them (lower case, unaccented, no punctuation). */
const words = (...pairs: [string, string][]) => pairs.map(([word, key]) => ({ word, key }));

describe('namePartsFromKeys', () => {
  it('cuts a name where the directory cuts it: title, given names, surname with its particles', () => {
    expect(
      namePartsFromKeys(words(['Dr', 'dr'], ['Ludwig', 'ludwig'], ['van', 'van'], ['der', 'der'], ['Berg', 'berg']), {
        given: 'ludwig',
        surname: 'vanderberg',
      }),
    ).toEqual({ prefix: 'Dr', given: 'Ludwig', family: 'van der Berg' });
    expect(
      namePartsFromKeys(words(['Máire', 'maire'], ['Ní', 'ni'], ['Bhriain', 'bhriain']), {
        given: 'maire',
        surname: 'nibhriain',
      }),
    ).toEqual({ prefix: '', given: 'Máire', family: 'Ní Bhriain' });
    expect(
      namePartsFromKeys(words(['Anne-Marie', 'annemarie'], ['O’Brien', 'obrien'], ['–', '']), {
        given: 'annemarie',
        surname: 'obrien',
      }),
    ).toEqual({ prefix: '', given: 'Anne-Marie', family: 'O’Brien' });
  });

  it('gives up when the keys do not fit the words', () => {
    expect(namePartsFromKeys(words(['Ann', 'ann'], ['Lee', 'lee']), { given: 'ann', surname: 'li' })).toBeNull();
    expect(namePartsFromKeys(words(['Ann', 'ann'], ['Lee', 'lee']), { given: 'anna', surname: 'lee' })).toBeNull();
  });
});

describe('contactCards', () => {
  const member: DirectoryMember = {
    id: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
    name: 'Siân O’Brien',
    title: 'Lead GP, HMP Cardiff',
    category: { code: 'prison-gp', name: 'Prison GP' },
    region: { code: 'wales', name: 'Wales', nation: 'Wales' },
    establishments: [
      { id: 'e1', code: 'CFI', name: 'Cardiff (HMP)' },
      { id: 'e2', code: null, name: 'Parc (HMP & YOI)' },
    ],
    email: 'sian@example.nhs.uk',
    phone: '+44 (0)29 2092 3100',
    bio: null,
    availability: 'Mondays, 9am to 5pm',
    posts: [
      { id: 'p1', role: 'Regional lead', hub: false, region: { code: 'wales', name: 'Wales' }, startsOn: '2024-01-01' },
    ],
    isRep: true,
    detailsConfirmation: { confirmedAt: null, overdue: false },
  };
  const name = { prefix: '', given: 'Siân', family: 'O’Brien' };
  const context = { publicUrl: 'https://seg.example' };

  it('writes vCard 4.0 that parses back with the name, post, region and contacts', () => {
    const [card] = parseCards(contactCards([{ member, name }], { ...context, version: '4.0' }));
    expect(card).toEqual({
      version: '4.0',
      fn: 'Siân O’Brien',
      n: ['O’Brien', 'Siân', '', '', ''],
      org: ['RCGP Secure Environments Group', 'Wales'],
      title: 'Lead GP, HMP Cardiff',
      role: 'Regional lead, Wales',
      emails: [{ value: 'sian@example.nhs.uk', type: ['work'] }],
      phones: [{ value: 'tel:+442920923100', type: ['work', 'voice'], valueType: 'uri' }],
      categories: ['SEG Network', 'Prison GP'],
      note: 'Region: Wales\nRepresents: Regional lead, Wales\nCategory: Prison GP\nWorks at: Cardiff (HMP), Parc (HMP & YOI)\nAvailable: Mondays, 9am to 5pm',
      url: `https://seg.example/people/${member.id}`,
      uid: `urn:uuid:${member.id}`,
    });
  });

  it('writes vCard 3.0 for Outlook, the phone as it was written', () => {
    const text = contactCards([{ member, name }], { ...context, version: '3.0' });
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
    const [card] = parseCards(text);
    expect(card.version).toBe('3.0');
    expect(card.n).toEqual(['O’Brien', 'Siân', '', '', '']);
    expect(card.emails).toEqual([{ value: 'sian@example.nhs.uk', type: ['internet', 'work'] }]);
    expect(card.phones).toEqual([{ value: '+44 (0)29 2092 3100', type: ['work', 'voice'], valueType: 'phone-number' }]);
  });

  it('leaves out what the viewer may not see, and holds many cards in one file', () => {
    const hidden = { ...member, id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', email: null, phone: null, posts: [] };
    const cards = parseCards(
      contactCards(
        [
          { member, name },
          { member: hidden, name: null },
        ],
        { ...context, version: '4.0' },
      ),
    );
    expect(cards.map((c) => c.fn)).toEqual(['Siân O’Brien', 'Siân O’Brien']);
    expect(cards[1]).toMatchObject({ emails: [], phones: [], role: null, n: ['', 'Siân O’Brien', '', '', ''] });
  });
});
