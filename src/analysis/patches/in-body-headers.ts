// A `headers` segment: the `From:`/`Date:`/`Subject:` block git format-patch, a forward or a maintainer's
// re-send puts in a body. Its `From:` is the patch's author, its `Subject:` the commit's subject.
import type { Segment } from '../../thread/types.ts';
import { parsePerson } from '../find-trailers.ts';

export interface InBodyHeaders {
  /** The author's name, else their address. */
  from: string | null;
  fromEmail: string | null;
  subject: string | null;
  date: string | null;
}

const FIELD = /^\*?(From|Subject|Date)\*?[ \t]*:\*?[ \t]*(.*)$/i;

export function parseInBodyHeaders(text: string): InBodyHeaders {
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split('\n')) {
    const f = FIELD.exec(line);
    if (f) {
      last = f[1]!.toLowerCase();
      if (!fields.has(last)) fields.set(last, f[2]!.trim());
      else last = null;
      continue;
    }
    // Folded continuation of the field above.
    if (last && /^[ \t]+\S/.test(line)) fields.set(last, `${fields.get(last)} ${line.trim()}`.trim());
    else last = null;
  }
  const from = fields.get('from');
  const person = from ? parsePerson(from) : null;
  return {
    from: person ? (person.name ?? person.email) : null,
    fromEmail: person?.email ?? null,
    subject: fields.get('subject') || null,
    date: fields.get('date') || null,
  };
}

/** A header block that introduces a patch or forwarded mail (not a lone `Cc:`/`To:` run). */
export function isPatchHeader(s: Segment): boolean {
  return s.kind === 'headers' && /^\*?(?:From|Subject)\*?[ \t]*:/im.test(s.text);
}
