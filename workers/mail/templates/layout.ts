/**
 * The shared frame of every email: one column, 16 px text and a large button, readable on a
 * phone; inline styles only, because mail clients drop <style> blocks and external CSS.
 * Emails carry no client details (DESIGN.md rule 6): templates take names of practitioners and
 * links only.
 */

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Paragraphs are plain strings (escaped here); the button is the email's one action. */
export function renderLayout(options: {
  title: string;
  paragraphs: string[];
  button: { label: string; url: string };
  footer: string[];
}): string {
  const p = (text: string) =>
    `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#0f172a">${escapeHtml(text)}</p>`;
  const small = (text: string) =>
    `<p style="margin:0 0 8px;font-size:13px;line-height:1.5;color:#475569">${escapeHtml(text)}</p>`;
  const url = escapeHtml(options.button.url);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
</head>
<body style="margin:0;padding:0;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif">
<div style="max-width:560px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 16px;font-size:18px;font-weight:700;color:#1d4ed8">Teamaround</p>
<div style="background:#ffffff;border:1px solid #cbd5e1;border-radius:10px;padding:20px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#0f172a">${escapeHtml(options.title)}</h1>
${options.paragraphs.map(p).join('\n')}
<p style="margin:24px 0">
<a href="${url}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-size:16px;font-weight:600;padding:12px 20px;border-radius:8px">${escapeHtml(options.button.label)}</a>
</p>
${small('If the button does not work, copy this link into your browser:')}
<p style="margin:0 0 16px;font-size:13px;word-break:break-all"><a href="${url}" style="color:#1d4ed8">${url}</a></p>
</div>
<div style="padding:16px 4px">
${options.footer.map(small).join('\n')}
</div>
</div>
</body>
</html>`;
}

export function renderText(options: {
  title: string;
  paragraphs: string[];
  button: { label: string; url: string };
  footer: string[];
}): string {
  return [
    options.title,
    '',
    ...options.paragraphs.flatMap((p) => [p, '']),
    `${options.button.label}: ${options.button.url}`,
    '',
    '--',
    ...options.footer
  ].join('\n');
}
