import { escapeHtml } from '@seg/links';
import type { DirectoryMember } from '../directory/directory-member.dto';
import type { RegionSheet } from './region-sheet.dto';
import {
  about,
  contactLines,
  NO_ESTABLISHMENTS,
  NO_REPS,
  NOBODY_LISTED,
  placeLine,
  secretariatLine,
  sheetTitle,
} from './region-sheet-lines';

/**
 * The sheet as a page of its own to print from a browser or an integration: the same words as the
 * PDF, black on white on A4, no script and nothing fetched from elsewhere (the QR code is inline).
 */
export function regionSheetHtml(sheet: RegionSheet): string {
  const title = sheetTitle(sheet);
  const reps = sheet.reps.length
    ? sheet.reps.map((rep) => person(rep.member, `${rep.role}: `)).join('')
    : `<p>${escapeHtml(NO_REPS)}</p>`;
  const establishments = sheet.establishments.length
    ? sheet.establishments
        .map(
          ({ establishment, people }) => `<section>
<h3>${escapeHtml(establishment.name)} <span class="place">${escapeHtml(placeLine(establishment))}</span></h3>
${people.length ? people.map((p) => person(p)).join('') : `<p>${escapeHtml(NOBODY_LISTED)}</p>`}
</section>`,
        )
        .join('\n')
    : `<p>${escapeHtml(NO_ESTABLISHMENTS)}</p>`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} (SEG Network)</title>
<style>
@page{size:A4;margin:14mm}
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#000;background:#fff;font-size:10pt;line-height:1.35}
header{display:flex;justify-content:space-between;gap:12pt}
header svg{width:96pt;height:96pt;flex:none}
h1{font-size:18pt;margin:0}
h2{font-size:12pt;border-bottom:1px solid #000;margin:12pt 0 4pt}
h3{font-size:10pt;margin:6pt 0 2pt}
.place{font-weight:normal;font-size:9pt}
.person{display:grid;grid-template-columns:46% 1fr;gap:8pt;font-size:9pt;margin:0 0 2pt;break-inside:avoid}
section .person{padding-left:10pt}
p{margin:0 0 2pt}
</style>
</head>
<body>
<header>
<div>
<h1>${escapeHtml(title)}</h1>
<p>RCGP Secure Environments Group, SEG Network</p>
<p>Printed on ${escapeHtml(sheet.printedOnText)}.</p>
<p>Check current details at ${escapeHtml(sheet.link)}</p>
</div>
${sheet.qrCodeSvg}
</header>
<h2>Representatives</h2>
${reps}
<h2>Establishments</h2>
${establishments}
<h2>The secretariat</h2>
<p>${escapeHtml(secretariatLine(sheet))}</p>
</body>
</html>`;
}

/** A person in two columns, as on the PDF: who they are, then the contacts the viewer may see. */
function person(member: DirectoryMember, role = ''): string {
  const who = role ? `<strong>${escapeHtml(role)}</strong>${escapeHtml(about(member))}` : escapeHtml(about(member));
  const contacts = contactLines(member).map(escapeHtml).join('<br>');
  return `<div class="person"><div>${who}</div><div>${contacts}</div></div>\n`;
}
