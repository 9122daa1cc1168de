import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import type { DirectoryMember } from '../directory/directory-member.dto';
import { ukPhoneInternational } from '../members/dto/uk-phone.validator';

// ical.js writes vCard 3.0 and 4.0 as it writes iCalendar; the apps are CommonJS.
const ICAL: typeof ICALModule = require('ical.js');
type Component = InstanceType<typeof ICALModule.Component>;

export const VCARD_VERSIONS = ['4.0', '3.0'] as const;
export type VcardVersion = (typeof VCARD_VERSIONS)[number];

export const GROUP_NAME = 'RCGP Secure Environments Group';

/** A name split as the directory sorts it: leading titles, given names, surname (with its particles). */
export interface NameParts {
  prefix: string;
  given: string;
  family: string;
}

/**
 * The words of a name cut where the directory's own keys cut it (`seg_name_parts` in
 * PostgreSQL): the surname is the last words whose keys make the surname key, the given names
 * the words before them whose keys make the given key, and what leads is a title. Null when the
 * keys do not fit the words.
 */
export function namePartsFromKeys(
  words: readonly { word: string; key: string }[],
  keys: { given: string; surname: string },
): NameParts | null {
  const kept = words.filter((w) => w.key !== '');
  const cut = (end: number, key: string): number | null => {
    let joined = '';
    for (let start = end - 1; start >= 0; start--) {
      joined = kept[start].key + joined;
      if (joined === key) return start;
      if (!key.endsWith(joined)) return null;
    }
    return null;
  };
  const surnameStart = cut(kept.length, keys.surname);
  if (surnameStart === null) return null;
  const givenStart = keys.given ? cut(surnameStart, keys.given) : surnameStart;
  if (givenStart === null) return null;
  const text = (from: number, to: number) =>
    kept
      .slice(from, to)
      .map((w) => w.word)
      .join(' ');
  return {
    prefix: text(0, givenStart),
    given: text(givenStart, surnameStart),
    family: text(surnameStart, kept.length),
  };
}

export interface CardContext {
  version: VcardVersion;
  /** Where the member's page is: the card links to it for current details. */
  publicUrl: string;
}

/**
 * The contact cards of members as one vCard file: each card holds what the viewer may see of
 * the member (the directory's answer, already cut to the viewer), with their posts and region.
 */
export function contactCards(
  people: readonly { member: DirectoryMember; name: NameParts | null }[],
  context: CardContext,
): string {
  return people.map((p) => `${contactCard(p.member, p.name, context).toString()}\r\n`).join('');
}

function contactCard(member: DirectoryMember, name: NameParts | null, { version, publicUrl }: CardContext): Component {
  const v4 = version === '4.0';
  const card = new ICAL.Component('vcard');
  // VERSION first: vCard 4.0 requires it there, and ical.js picks the 3.0 or 4.0 rules from it.
  const add = (property: string, value: string | string[], params: Record<string, string | string[]> = {}) => {
    const p = new ICAL.Property(property, card);
    if (Array.isArray(value) && property === 'categories') p.setValues(value);
    else p.setValue(value);
    for (const [key, param] of Object.entries(params)) p.setParameter(key, param);
    card.addProperty(p);
  };
  add('version', version);
  if (v4) add('kind', 'individual');
  add('fn', member.name);
  add('n', name ? [name.family, name.given, '', name.prefix, ''] : ['', member.name, '', '', '']);
  add('org', member.region ? [GROUP_NAME, member.region.name] : [GROUP_NAME]);
  if (member.title) add('title', member.title);
  const posts = member.posts.map((p) => `${p.role}, ${p.hub || !p.region ? 'the hub' : p.region.name}`);
  if (posts.length) add('role', posts.join('; '));
  if (member.email) add('email', member.email, { type: v4 ? 'work' : ['INTERNET', 'WORK'] });
  if (member.phone) {
    const international = v4 ? ukPhoneInternational(member.phone) : null;
    if (international) add('tel', `tel:${international}`, { type: ['work', 'voice'], value: 'uri' });
    else add('tel', member.phone, v4 ? { type: ['work', 'voice'], value: 'text' } : { type: ['WORK', 'VOICE'] });
  }
  add('categories', ['SEG Network', ...(member.category ? [member.category.name] : [])]);
  const note = [
    member.region ? `Region: ${member.region.name}` : null,
    posts.length ? `Represents: ${posts.join('; ')}` : null,
    member.category ? `Category: ${member.category.name}` : null,
    member.establishments.length ? `Works at: ${member.establishments.map((e) => e.name).join(', ')}` : null,
    member.availability ? `Available: ${member.availability}` : null,
  ].filter((line): line is string => line !== null);
  if (note.length) add('note', note.join('\n'));
  add('url', `${publicUrl}/people/${member.id}`);
  add('uid', `urn:uuid:${member.id}`);
  return card;
}
