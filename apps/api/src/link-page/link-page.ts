import { escapeHtml } from '@seg/links';

/** The frame of the small pages that email links open (RSVP, unsubscribe): plain, readable, no script. */
export function linkPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – SEG Network</title>
<style>
body{margin:0;padding:1.5rem;background:#f4f4f2;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b;line-height:1.5;font-size:1.125rem}
main{max-width:40rem;margin:0 auto;background:#fff;padding:1.5rem;border-top:4px solid #00594f}
h1{font-size:1.75rem;margin:0 0 1rem}
dl{margin:0 0 1.5rem}dt{font-weight:bold}dd{margin:0 0 .75rem}
fieldset{border:0;padding:0;margin:0}legend{font-weight:bold;margin-bottom:.75rem}
button{display:block;width:100%;margin:0 0 .75rem;padding:.875rem 1rem;font-size:1.125rem;border:2px solid #00594f;background:#fff;color:#00594f;cursor:pointer;text-align:left}
button.primary{background:#00594f;color:#fff}
button[aria-pressed=true]{border-width:4px;font-weight:bold}
.now{font-weight:normal;font-size:1rem}
button:focus{outline:3px solid #fd0;outline-offset:0}
.notice{padding:1rem;border-left:5px solid #00594f;background:#e8f1f0;margin:0 0 1.5rem}
.muted{color:#505a5f;font-size:1rem}
</style>
</head>
<body>
<main>
<p class="muted">SEG Network · RCGP Secure Environments Group</p>
${body}
</main>
</body>
</html>`;
}
