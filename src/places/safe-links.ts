/**
 * Links that come from a places file (booking link, website, e-mail, phone) are data written by someone else: a
 * `javascript:` or `data:` address in one row would run script in the app's origin, where the results history and the
 * device's secrets live. Every such link goes through these helpers, at import and again at render time, so a dataset
 * already on a device is covered too.
 */

/** The only schemes a web link drawn from data may have. */
const WEB_SCHEMES = new Set(['https:', 'http:']);

/**
 * A site written without its scheme, as real files do ("www.mairie.fr", "missionlocale-beaune.fr/contact"): dotted
 * host labels, an optional port, then a path. Anything with a scheme (`javascript:…`) never matches.
 */
const BARE_HOST = /^[a-z0-9\p{L}](?:[a-z0-9\p{L}-]*[a-z0-9\p{L}])?(?:\.[a-z0-9\p{L}](?:[a-z0-9\p{L}-]*[a-z0-9\p{L}])?)+(?::\d{1,5})?(?:[/?#]\S*)?$/iu;

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * The web address as the browser would follow it, or null when it is not an http(s) address: any other scheme
 * (`javascript:`, `data:`, `vbscript:`, `file:`…, in any case, with spaces, tabs or newlines inside), a relative
 * address, or one carrying a user name or password. Parsed with `URL`, which strips what browsers strip, so what is
 * checked is what would be followed. A bare site name ("www.mairie.fr", 38 rows of the BFC file) is read as https.
 * International host names come back in their ASCII (punycode) form.
 */
export function safeWebUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const trimmed = raw.trim();
  const url = parse(trimmed) ?? (BARE_HOST.test(trimmed) ? parse(`https://${trimmed}`) : null);
  if (!url || !WEB_SCHEMES.has(url.protocol) || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** An e-mail address: one `@`, a dotted domain, nothing a mail client would read as more headers or a second address. */
const EMAIL = /^[^\s@<>()[\]\\,;:"/?&#%]+@[a-z0-9\p{L}](?:[a-z0-9\p{L}-]*[a-z0-9\p{L}])?(?:\.[a-z0-9\p{L}](?:[a-z0-9\p{L}-]*[a-z0-9\p{L}])?)+$/iu;

/** The e-mail address (trimmed, a leading `mailto:` removed), or null when it is not a plain address. */
export function safeEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const address = raw.trim().replace(/^mailto:/i, '');
  return EMAIL.test(address) ? address : null;
}

/** A `mailto:` link the app builds itself from a checked address; null when the address is not one. */
export function mailtoHref(raw: string | null | undefined): string | null {
  const address = safeEmail(raw);
  return address === null ? null : `mailto:${address}`;
}

/**
 * A `tel:` link built from the digits of a phone number (and a leading +), whatever else the text holds; null when
 * fewer than 3 digits remain (not a number one can call).
 */
export function telHref(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const plus = raw.trim().startsWith('+') ? '+' : '';
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 3 ? `tel:${plus}${digits}` : null;
}
