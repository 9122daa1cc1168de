import { drawQrCode, newPdf, PDF_FONTS, pdfBuffer } from '@seg/pdf';
import { formatHours, formatLondonRange } from '@seg/rules';
import { CertificateFacts } from './certificate-facts.repository';

/** Who issues certificates: the network, reached through its secretariat. */
export const ORGANISER_NAME = 'RCGP Secure Environments Group (SEG Network)';

/** Where a certificate is checked: the public page its verification link opens. */
export function verificationUrl(publicUrl: string, number: string): string {
  return `${publicUrl}/verify/${number}`;
}

/** When the meeting was, for people: its times, or for an archived summit its year. */
export function meetingWhen(meeting: CertificateFacts['meeting']): string {
  if (meeting.startsAt && meeting.endsAt) return formatLondonRange(meeting.startsAt, meeting.endsAt);
  return meeting.summitYear ? String(meeting.summitYear) : 'Date not recorded';
}

/** Where it was held: the venue, online, or both. */
export function meetingPlace(meeting: CertificateFacts['meeting']): string {
  if (meeting.venue && meeting.onlineUrl) return `${meeting.venue}, and online`;
  if (meeting.venue) return meeting.venue;
  return meeting.onlineUrl ? 'Online' : 'Place not recorded';
}

/** The organiser as a certificate names it: the network, and the region for a regional meeting. */
export function meetingOrganiser(meeting: CertificateFacts['meeting']): string {
  return meeting.kind === 'regional' && meeting.regionName
    ? `${ORGANISER_NAME}, ${meeting.regionName} region`
    : ORGANISER_NAME;
}

export interface CertificateContext {
  publicUrl: string;
  secretariatEmail: string;
}

/**
 * The certificate of attendance as a one-page A4 PDF: the attendee (and their professional
 * registration), the meeting, its organiser and the secretariat's contact, the hours and learning
 * outcomes, and the number with the link that verifies it. It names nobody else.
 */
export async function certificatePdf(facts: CertificateFacts, context: CertificateContext): Promise<Buffer> {
  const { meeting } = facts;
  const doc = newPdf({ title: `Certificate of attendance ${facts.number}`, subject: meeting.title });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const centred = { width, align: 'center' as const };
  const bold = () => doc.font(PDF_FONTS.bold);
  const regular = () => doc.font(PDF_FONTS.regular);

  bold().fontSize(24).text('Certificate of attendance', centred);
  doc.moveDown(1.2);
  regular().fontSize(12).text('This certifies that', centred);
  doc.moveDown(0.4);
  bold().fontSize(20).text(facts.memberName, centred);
  if (facts.registration) regular().fontSize(11).text(`Professional registration: ${facts.registration}`, centred);
  doc.moveDown(0.4);
  regular().fontSize(12).text('attended', centred);
  doc.moveDown(0.4);
  bold().fontSize(16).text(meeting.title, centred);
  doc.moveDown(1.2);

  const field = (label: string, value: string) => {
    bold().fontSize(11).text(`${label}: `, { continued: true });
    regular().text(value);
    doc.moveDown(0.2);
  };
  field('Date', meetingWhen(meeting));
  field('Place', meetingPlace(meeting));
  field('Organised by', meetingOrganiser(meeting));
  field('Contact', `The secretariat, ${context.secretariatEmail}`);
  field(
    'Learning',
    meeting.cpdMinutes ? `${formatHours(meeting.cpdMinutes)} of CPD` : 'Hours not set by the organiser',
  );
  if (meeting.learningOutcomes.length) {
    doc.moveDown(0.4);
    bold().text('Learning outcomes');
    regular();
    doc.list(meeting.learningOutcomes, { bulletRadius: 2, textIndent: 12 });
  }
  doc.moveDown(1.5);
  field('Certificate number', facts.number);
  const link = verificationUrl(context.publicUrl, facts.number);
  bold().text('Verify it at: ', { continued: true });
  regular().fillColor('#0b4f8a').text(link, { link, underline: true });
  doc.fillColor('black');
  // The same link for a phone's camera, on a printed copy.
  const size = 96;
  if (doc.y + size + 16 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  drawQrCode(doc, link, { x: doc.page.margins.left, y: doc.y + 8, size });
  return pdfBuffer(doc);
}
