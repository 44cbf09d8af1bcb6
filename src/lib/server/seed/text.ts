/** Text helpers for codes, e-mail local parts and domains built from names. */

/** Lower-case ASCII: "Zoë" -> "zoe", "Łukasz" -> "lukasz" (NFD leaves ł/ø/ß alone, so map them). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[ıİ]/g, 'i')
    .toLowerCase();
}

/** "Bristol, City of" -> "bristol-city-of". */
export function slug(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** An e-mail local part from a name: "O'Brien" -> "obrien", "Mark Anthony" -> "mark-anthony". */
export function emailPart(text: string): string {
  return fold(text)
    .replace(/['.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
