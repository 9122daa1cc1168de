import type { DirectoryMember } from '../directory/directory-member.dto';
import type { EstablishmentView } from '../establishments/establishment-view.dto';
import type { RegionSheet } from './region-sheet.dto';

// The sheet's words, the same on paper (PDF) and on the printable page (HTML).

export const NO_REPS = 'The region has no representative at present: ask the secretariat.';
export const NO_ESTABLISHMENTS = 'No establishment is registered in this region.';
export const NOBODY_LISTED = 'Nobody listed here yet: ask the representatives above.';

export function sheetTitle(sheet: RegionSheet): string {
  return `${sheet.region.name}: who to contact`;
}

export function secretariatLine(sheet: RegionSheet): string {
  return `${sheet.secretariatEmail}: for anything above, or a colleague’s details not shown here.`;
}

/** Who a person is on the sheet: their name and membership category (job titles vary too much to print). */
export function about(member: DirectoryMember): string {
  return member.category ? `${member.name}, ${member.category.name}` : member.name;
}

/** The contacts the viewer may see of a person, or where to ask instead. */
export function contactLines(member: DirectoryMember): string[] {
  const shown = [member.email, member.phone].filter((c): c is string => !!c);
  return shown.length ? shown : ['Through the secretariat'];
}

/** What and where a place is: `Prison, London SE28 0EB`. */
export function placeLine(establishment: EstablishmentView): string {
  const where = [establishment.town, establishment.postcode].filter(Boolean).join(' ');
  return [establishment.type.name, where].filter(Boolean).join(', ');
}
