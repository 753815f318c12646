// An Atom validator for the tests: what RFC 4287 requires of a feed, checked on the parsed XML. The document is
// well-formed XML in the Atom namespace; the feed has exactly one id, title and updated; every entry has them too,
// and an author (its own or the feed's); ids are absolute IRIs; dates are RFC 3339 date-times with a zone; a
// link has an href; a category has a term, and its scheme, when present, is an absolute IRI; an entry without
// content has a link rel="alternate" (a plain link is one).
import { type Document, type Element, isTag } from 'domhandler';
import { Parser, parseDocument } from 'htmlparser2';

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

function parse(xml: string): { doc: Document; errors: string[] } {
  const errors: string[] = [];
  const open: string[] = [];
  // Tag balance is checked here: htmlparser2 forgives what XML does not.
  const selfClosing: boolean[] = [];
  const balance: Parser = new Parser(
    {
      onopentag: (name) => {
        open.push(name);
        // `<link …/>`: the parser closes it at once, as implied.
        selfClosing.push(xml[balance.endIndex - 1] === '/');
      },
      onclosetag: (name, implied) => {
        const top = open.pop();
        const wasSelfClosing = selfClosing.pop();
        if (implied && !wasSelfClosing) errors.push(`<${name}> is not closed`);
        else if (top !== name) errors.push(`</${name}> does not close the element that is open`);
      },
    },
    { xmlMode: true, recognizeSelfClosing: true },
  );
  balance.end(xml);
  return { doc: parseDocument(xml, { xmlMode: true }), errors };
}

const children = (e: Element, name: string) => e.children.filter((c): c is Element => isTag(c) && c.name === name);
const text = (e: Element): string => e.children.map((c) => ('data' in c ? String(c.data) : isTag(c) ? text(c) : '')).join('');

/** Every way the feed breaks RFC 4287 (empty when valid). */
export function atomProblems(xml: string): string[] {
  const { doc, errors } = parse(xml);
  const problems = [...errors];
  if (!/^<\?xml version="1\.0" encoding="utf-8"\?>/i.test(xml)) problems.push('no XML declaration with encoding');
  const feed = doc.children.find((c): c is Element => isTag(c));
  if (feed?.name !== 'feed' || feed.attribs.xmlns !== ATOM) return [...problems, 'the root is not an Atom <feed>'];
  const one = (e: Element, name: string, where: string) => {
    const found = children(e, name);
    if (found.length !== 1) problems.push(`${where} has ${found.length} <${name}>, needs exactly one`);
    return found[0];
  };
  const checkCommon = (e: Element, where: string) => {
    const id = one(e, 'id', where);
    if (id && !ABSOLUTE_IRI.test(text(id).trim())) problems.push(`${where}'s id "${text(id)}" is not an absolute IRI`);
    one(e, 'title', where);
    const updated = one(e, 'updated', where);
    if (updated && !RFC3339.test(text(updated).trim())) problems.push(`${where}'s updated "${text(updated)}" is not an RFC 3339 date-time with a zone`);
    for (const l of children(e, 'link')) if (!l.attribs.href) problems.push(`${where} has a link without href`);
    for (const c of children(e, 'category')) {
      if (!c.attribs.term) problems.push(`${where} has a category without term`);
      if (c.attribs.scheme !== undefined && !ABSOLUTE_IRI.test(c.attribs.scheme))
        problems.push(`${where}'s category scheme "${c.attribs.scheme}" is not an absolute IRI`);
    }
  };
  checkCommon(feed, 'the feed');
  const feedAuthor = children(feed, 'author').some((a) => children(a, 'name').length === 1);
  children(feed, 'entry').forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    checkCommon(entry, where);
    if (!feedAuthor && !children(entry, 'author').some((a) => children(a, 'name').length === 1))
      problems.push(`${where} has no author, and neither has the feed`);
    if (children(entry, 'content').length === 0 && !children(entry, 'link').some((l) => (l.attribs.rel ?? 'alternate') === 'alternate')) {
      problems.push(`${where} has neither content nor an alternate link`);
    }
  });
  return problems;
}
