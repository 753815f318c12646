// Links a case file gives that did not come from the site itself (a fix posted elsewhere, the report a case
// duplicates): their words came from mail, so only an absolute http(s) URL becomes a link.
/** The value as an href, or null when it is not an absolute http(s) URL (`javascript:`, `data:`, relative). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
}

/** A long URL shortened for reading (`lore.kernel.org/lkml/be911bcd…`); the link keeps the whole of it. */
export function shortUrl(href: string, max = 32): string {
  const u = new URL(href);
  const text = `${u.host}${u.pathname === '/' ? '' : u.pathname}${u.search}`;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
