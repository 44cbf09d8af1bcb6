/**
 * The frame of alert and digest emails: the shared look of layout.ts (one column, 16 px text, a
 * big button, inline styles) plus what alerts need and invitations do not: sections of short
 * lines, and footer links for the settings page and the one-click unsubscribe.
 */
import { escapeHtml } from './layout.ts';

export interface AlertSection {
  /** Optional heading with a link (a client's team page in digests). */
  heading?: { label: string; url: string };
  lines: string[];
}

export interface AlertContent {
  title: string;
  sections: AlertSection[];
  button: { label: string; url: string };
  footer: string[];
  links: { label: string; url: string }[];
}

const TEXT = 'font-size:16px;line-height:1.5;color:#0f172a';
const SMALL = 'font-size:13px;line-height:1.5;color:#475569';

function sectionHtml(section: AlertSection): string {
  const heading = section.heading
    ? `<h2 style="margin:16px 0 8px;font-size:18px;line-height:1.3"><a href="${escapeHtml(section.heading.url)}" style="color:#1d4ed8">${escapeHtml(section.heading.label)}</a></h2>`
    : '';
  const lines = section.heading
    ? `<ul style="margin:0 0 16px;padding-left:20px">${section.lines.map((l) => `<li style="${TEXT};margin:0 0 6px">${escapeHtml(l)}</li>`).join('')}</ul>`
    : section.lines
        .map((l) => `<p style="margin:0 0 16px;${TEXT}">${escapeHtml(l)}</p>`)
        .join('\n');
  return heading + lines;
}

export function renderAlertHtml(content: AlertContent): string {
  const url = escapeHtml(content.button.url);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
</head>
<body style="margin:0;padding:0;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif">
<div style="max-width:560px;margin:0 auto;padding:24px 16px">
<p style="margin:0 0 16px;font-size:18px;font-weight:700;color:#1d4ed8">Teamaround</p>
<div style="background:#ffffff;border:1px solid #cbd5e1;border-radius:10px;padding:20px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#0f172a">${escapeHtml(content.title)}</h1>
${content.sections.map(sectionHtml).join('\n')}
<p style="margin:24px 0 8px">
<a href="${url}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-size:16px;font-weight:600;padding:12px 20px;border-radius:8px">${escapeHtml(content.button.label)}</a>
</p>
</div>
<div style="padding:16px 4px">
${content.footer.map((line) => `<p style="margin:0 0 8px;${SMALL}">${escapeHtml(line)}</p>`).join('\n')}
<p style="margin:0 0 8px;${SMALL}">${content.links.map((l) => `<a href="${escapeHtml(l.url)}" style="color:#475569">${escapeHtml(l.label)}</a>`).join(' · ')}</p>
</div>
</div>
</body>
</html>`;
}

export function renderAlertText(content: AlertContent): string {
  const sections = content.sections.flatMap((section) => [
    ...(section.heading ? [`${section.heading.label} — ${section.heading.url}`] : []),
    ...section.lines.map((l) => (section.heading ? `- ${l}` : l)),
    ''
  ]);
  return [
    content.title,
    '',
    ...sections,
    `${content.button.label}: ${content.button.url}`,
    '',
    '--',
    ...content.footer,
    ...content.links.map((l) => `${l.label}: ${l.url}`)
  ].join('\n');
}

/** "a restricted service joined" starts a sentence as "A restricted service joined". */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
