import { escapeHtml } from '@seg/links';

/**
 * The HTML frame of every email: plain, readable in any client, no images or remote content.
 * `body` must already be escaped HTML.
 */
export function htmlEmail(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f2;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b;line-height:1.5">
<div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-top:4px solid #00594f">
<p style="margin:0 0 16px;font-size:14px;color:#505a5f">SEG Network &middot; RCGP Secure Environments Group</p>
${body}
</div>
</body>
</html>`;
}

/** A link as a button, with the URL spelled out for clients that strip styles. */
export function htmlButton(href: string, label: string): string {
  const url = escapeHtml(href);
  return `<p style="margin:24px 0"><a href="${url}" style="display:inline-block;background:#00594f;color:#ffffff;padding:12px 20px;text-decoration:none;font-weight:bold">${escapeHtml(label)}</a></p>
<p style="font-size:13px;color:#505a5f">Or copy this address into your browser:<br><span style="word-break:break-all">${url}</span></p>`;
}
