import { RegionContacts } from '../directory/directory-member.dto';

/**
 * A region's contact sheet for the office wall, as the viewer may see it: the region's
 * representatives and who works at each of its establishments, with where to check for current
 * details.
 */
export class RegionSheet extends RegionContacts {
  /** Where members write to the secretariat. */
  secretariatEmail: string;
  /** YYYY-MM-DD, the day printed (London). */
  printedOn: string;
  /** The day printed as people read it: `7 December 2026`. */
  printedOnText: string;
  /** The sheet's page in the web app, where its details are current: the QR code holds it. */
  link: string;
  /** The QR code of `link` as an SVG drawing, black on white. */
  qrCodeSvg: string;
}
