// The Atom feed of cases, newest report first; every link absolute and under the base path. Each entry says
// whether an editor has checked the case: a category (`draft` or `reviewed`, for readers that filter) and, for
// a machine draft, a marker at the start of its summary (for readers that show no categories).
import type { APIRoute } from 'astro';
import { allCases, STATUS_LABEL, url } from '../site/load.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const GET: APIRoute = async ({ site }) => {
  const origin = site ?? new URL('http://127.0.0.1:4321');
  const abs = (p: string) => new URL(url(p), origin).href;
  const cases = await allCases();
  // The feed's date is the newest case's, so the same casebook always gives the same file.
  const updated =
    cases
      .map((c) => c.data.dates.fixed ?? c.data.dates.reported ?? '')
      .sort()
      .pop() || '1970-01-01T00:00:00';
  const iso = (d: string) => (/[+-]\d\d:\d\d$/.test(d) ? d : `${d}Z`);
  const entries = cases.map((c) => {
    const d = c.data;
    const when = iso(d.dates.fixed ?? d.dates.reported ?? updated);
    return `  <entry>
    <title>${esc(d.title)}</title>
    <link href="${esc(abs(`cases/${c.id}/`))}"/>
    <id>${esc(abs(`cases/${c.id}/`))}</id>
    <updated>${esc(when)}</updated>
    <category scheme="${esc(abs('browse/#f-review'))}" term="${esc(d.review)}" label="${d.review === 'draft' ? 'Machine draft' : 'Reviewed'}"/>
    <category scheme="${esc(abs('browse/#f-status'))}" term="${esc(d.status)}" label="${esc(STATUS_LABEL[d.status] ?? d.status)}"/>
    <summary>${esc(`${d.review === 'draft' ? 'Machine draft, not yet checked by an editor. ' : ''}${d.symptom ? `${d.symptom.title} ` : ''}(${STATUS_LABEL[d.status] ?? d.status})`)}</summary>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Casebook</title>
  <link href="${esc(abs(''))}"/>
  <link rel="self" href="${esc(abs('feed.xml'))}"/>
  <id>${esc(abs(''))}</id>
  <updated>${esc(iso(updated))}</updated>
${entries.join('\n')}
</feed>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
