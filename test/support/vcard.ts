import { ICAL } from './ical';

/** A contact card as a phone or mail program reads it. */
export interface ParsedCard {
  version: string;
  fn: string;
  /** Family name, given names, additional names, prefixes, suffixes. */
  n: string[];
  org: string[];
  title: string | null;
  role: string | null;
  emails: { value: string; type: string[] }[];
  phones: { value: string; type: string[]; valueType: string }[];
  categories: string[];
  note: string | null;
  url: string | null;
  uid: string | null;
}

/** Parses a .vcf file of one card or many (vCard 3.0 or 4.0) with ical.js. */
export function parseCards(text: string): ParsedCard[] {
  const parsed = ICAL.parse(text) as unknown;
  const jcards = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  return jcards.map((jcard) => {
    const card = new ICAL.Component(jcard as never);
    const one = (name: string) => {
      const value = card.getFirstPropertyValue(name);
      return value === null ? null : String(value);
    };
    const types = (p: InstanceType<typeof ICAL.Property>) => {
      const type = p.getParameter('type') as string | string[] | undefined;
      return (Array.isArray(type) ? type : type ? [type] : []).map((t) => t.toLowerCase());
    };
    return {
      version: String(card.getFirstPropertyValue('version')),
      fn: String(card.getFirstPropertyValue('fn')),
      n: (card.getFirstPropertyValue('n') as string[] | null) ?? [],
      org: ((card.getFirstPropertyValue('org') as string[] | string | null) ?? []) as string[],
      title: one('title'),
      role: one('role'),
      emails: card.getAllProperties('email').map((p) => ({ value: String(p.getFirstValue()), type: types(p) })),
      phones: card
        .getAllProperties('tel')
        .map((p) => ({ value: String(p.getFirstValue()), type: types(p), valueType: p.type })),
      categories: card.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
      note: one('note'),
      url: one('url'),
      uid: one('uid'),
    };
  });
}
