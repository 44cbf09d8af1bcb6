/** Export file helpers without the DOM (so Node tests and tsc's Node config can use them). */

/** A data: URL as a Blob, without fetch() (the CSP's connect-src does not allow data:). */
export function dataUrlBlob(url: string): Blob {
  const [head = '', body = ''] = url.split(',', 2);
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  if (!head.endsWith(';base64')) return new Blob([decodeURIComponent(body)], { type });
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

/** A file name from a title: letters, digits and dashes. */
export function fileName(title: string, extension: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 80);
  return `${base || 'network'}.${extension}`;
}

/** An SVG document as a data: URL, for an <img> (the CSP allows img-src data:). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
