// The Atom feed of cases (RFC 4287), the most recently changed first: a case's `updated` is when its case file was
// last committed (site/case-dates.ts), else the newest date its thread states with a zone. No date gets a zone
// it did not have. With the casebook's site URL every link is absolute; without one they are relative to the
// feed (which sits at the base path) and the ids are name-based URNs, stable across hosts. Each entry says
// whether an editor has checked the case: a category (`draft` or `reviewed`, for readers that filter) and, for a
// machine draft, a marker at the start of its summary (for readers that show no categories). Written by hand:
// @astrojs/rss writes RSS 2.0, not Atom, and this is one short template.
import { createHash } from 'node:crypto';
import type { APIRoute } from 'astro';
import { caseChangeDates } from '../site/case-dates.ts';
import { allCases, STATUS_LABEL, threadOf, url } from '../site/load.ts';
import { CONTENT_DIR, SITE_TITLE } from '../site/settings.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A date that states its zone (RFC 3339 needs one): `Z` or `±hh:mm`. */
const ZONED = /(?:Z|[+-]\d\d:\d\d)$/;

/** A stable id for an entry when the site has no URL: a name-based URN from the casebook's title and the path. */
function urn(path: string): string {
  const h = createHash('sha1').update(`${SITE_TITLE}\0${path}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const epoch = (d: string) => Date.parse(d);

export const GET: APIRoute = async ({ site }) => {
  const link = (p: string) => (site ? new URL(url(p), site).href : p === '' ? './' : p);
  const id = (p: string) => (site ? new URL(url(p), site).href : urn(p));
  // A category's scheme must be an absolute IRI: without a site URL there is none.
  const scheme = (p: string) => (site ? ` scheme="${esc(new URL(url(p), site).href)}"` : '');
  const cases = await allCases();
  const changed = caseChangeDates(CONTENT_DIR);
  const dated = cases.map((c) => {
    let when = changed.get(c.id) ?? null;
    if (!when) {
      const zoned = threadOf(c.id)
        .messages.map((m) => m.date)
        .filter((d): d is string => !!d && ZONED.test(d));
      when = zoned.sort((a, b) => epoch(a) - epoch(b)).pop() ?? null;
    }
    return { c, when };
  });
  const known = dated.map((d) => d.when).filter((w): w is string => w !== null);
  // The feed changed when its newest case did; a casebook with no dated case at all says the epoch, the one
  // date that claims nothing.
  const updated = known.sort((a, b) => epoch(a) - epoch(b)).pop() ?? '1970-01-01T00:00:00Z';
  dated.sort((a, b) => epoch(b.when ?? updated) - epoch(a.when ?? updated) || (a.c.id < b.c.id ? -1 : 1));
  const entries = dated.map(({ c, when }) => {
    const d = c.data;
    return `  <entry>
    <title>${esc(d.title)}</title>
    <link href="${esc(link(`cases/${c.id}/`))}"/>
    <id>${esc(id(`cases/${c.id}/`))}</id>
    <updated>${esc(when ?? updated)}</updated>
    <category${scheme('browse/#f-review')} term="${esc(d.review)}" label="${d.review === 'draft' ? 'Machine draft' : 'Reviewed'}"/>
    <category${scheme('browse/#f-status')} term="${esc(d.status)}" label="${esc(STATUS_LABEL[d.status] ?? d.status)}"/>
    <summary>${esc(`${d.review === 'draft' ? 'Machine draft, not yet checked by an editor. ' : ''}${d.symptom ? `${d.symptom.title} ` : ''}(${STATUS_LABEL[d.status] ?? d.status})`)}</summary>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${esc(SITE_TITLE)}</title>
  <author><name>${esc(SITE_TITLE)}</name></author>
  <link href="${esc(link(''))}"/>
  <link rel="self" href="${esc(link('feed.xml'))}"/>
  <id>${esc(id(''))}</id>
  <updated>${esc(updated)}</updated>
${entries.join('\n')}
</feed>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
