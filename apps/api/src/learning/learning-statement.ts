import { newPdf, PDF_FONTS, pdfBuffer } from '@seg/pdf';
import { formatHours } from '@seg/rules';
import { MyLearning } from './dto/my-learning.dto';

/**
 * A member's learning in one appraisal year as one PDF, for their appraiser: each meeting attended
 * (with organiser and certificate number) and each own entry, with the hours and the member's
 * reflective notes, and the year's total.
 */
export async function learningStatementPdf(
  member: { name: string; registration: string | null },
  learning: MyLearning,
  context: { today: string; verifyUrl: string },
): Promise<Buffer> {
  const doc = newPdf({ title: `Learning statement, ${learning.appraisalYear.label}`, subject: member.name });
  const bold = () => doc.font(PDF_FONTS.bold);
  const regular = () => doc.font(PDF_FONTS.regular);
  const hours = (h: number | null) => (h === null ? 'hours not set' : formatHours(Math.round(h * 60)));

  bold().fontSize(20).text('Learning statement');
  regular().fontSize(12).text(`Appraisal year ${learning.appraisalYear.label}`);
  doc.moveDown(0.6);
  bold().fontSize(14).text(member.name);
  if (member.registration) regular().fontSize(11).text(`Professional registration: ${member.registration}`);
  regular()
    .fontSize(11)
    .text(`Total: ${formatHours(Math.round(learning.totalHours * 60))} of learning`);
  doc.moveDown(1);

  if (!learning.items.length) regular().text('Nothing recorded in this year.');
  for (const item of learning.items) {
    bold().fontSize(12).text(`${item.date}  ${item.title}`);
    regular().fontSize(10);
    const facts =
      item.kind === 'meeting'
        ? [
            `${hours(item.hours)}`,
            item.organiser,
            item.place,
            item.certificateNumber && `certificate ${item.certificateNumber}`,
          ]
        : [hours(item.hours), 'own entry'];
    doc.text(facts.filter(Boolean).join(' · '));
    if (item.learnt) doc.text(`What I learnt: ${item.learnt}`);
    if (item.willChange) doc.text(`What I will change: ${item.willChange}`);
    doc.moveDown(0.6);
  }
  doc.moveDown(1);
  regular()
    .fontSize(9)
    .fillColor('#505a5f')
    .text(
      `Made on ${context.today} from the member's record in SEG Network. Meetings' certificates of attendance can be checked at ${context.verifyUrl}.`,
    );
  return pdfBuffer(doc);
}
