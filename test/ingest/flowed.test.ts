// format=flowed decoding (src/ingest/flowed.ts): one small sample per rule of RFC 3676 §4.1–4.5, a comparison
// with libmime's decoder on the text where the two must agree (no quotes, no stuffing, no separators), and
// the time it takes on hostile megabytes.
import libmime from 'libmime';
import { describe, expect, it } from 'vitest';
import { decodeFlowed } from '../../src/ingest/flowed.ts';
import { prng } from '../hardening/fuzz-prng.ts';

const lines = (...ls: string[]): string => ls.join('\n');

describe('decodeFlowed: RFC 3676 rules', () => {
  it('joins a line ending in a space with the next one, and stops at a line without one', () => {
    expect(decodeFlowed(lines('one two ', 'three four ', 'five', 'six'))).toBe(lines('one two three four five', 'six'));
    expect(decodeFlowed('fixed line  x\nnext')).toBe('fixed line  x\nnext');
  });

  it('never joins lines of different quote depth (§4.5)', () => {
    expect(decodeFlowed(lines('> quoted soft ', 'reply'))).toBe(lines('> quoted soft ', 'reply'));
    expect(decodeFlowed(lines('reply soft ', '> quoted'))).toBe(lines('reply soft ', '> quoted'));
    expect(decodeFlowed(lines('>> deep soft ', '> shallow'))).toBe(lines('>> deep soft ', '> shallow'));
    // A flowed line followed by an empty line of another depth keeps its space and ends there.
    expect(decodeFlowed(lines('> last quoted soft ', '', 'reply'))).toBe(lines('> last quoted soft ', '', 'reply'));
  });

  it('joins quoted lines of the same depth, keeping the first prefix as written and dropping the others', () => {
    expect(decodeFlowed(lines('> one ', '> two ', '> three', '> four'))).toBe(lines('> one two three', '> four'));
    expect(decodeFlowed(lines('>one ', '>two'))).toBe('>one two');
    expect(decodeFlowed(lines('>> a ', '>> b', '> c ', '> d', 'e'))).toBe(lines('>> a b', '> c d', 'e'));
  });

  it('counts only leading `>` as quote depth: `> > x` is depth 1 with the text `> x` (§4.5)', () => {
    expect(decodeFlowed(lines('> > a ', '> > b'))).toBe('> > a > b');
    expect(decodeFlowed(lines('> > a ', '>> b'))).toBe(lines('> > a ', '>> b'));
    expect(decodeFlowed(lines('>>> a ', '>>>b ', '>>> c'))).toBe('>>> a b c');
  });

  it('removes space-stuffing: one leading space of an unquoted line, one after the quote marks of a joined line (§4.4)', () => {
    expect(decodeFlowed(lines(' From here', ' >not a quote', '  two spaces'))).toBe(lines('From here', '>not a quote', ' two spaces'));
    expect(decodeFlowed(lines('soft ', ' stuffed'))).toBe('soft stuffed');
    expect(decodeFlowed(lines('> soft ', '>  indented'))).toBe('> soft  indented');
  });

  it('reads a quoted or unquoted line holding only the stuffing space as empty, not as a soft break', () => {
    expect(decodeFlowed(lines('> ', '> text'))).toBe(lines('> ', '> text'));
    expect(decodeFlowed(lines('a', ' ', 'b'))).toBe(lines('a', '', 'b'));
    // Two spaces are stuffing and a soft break.
    expect(decodeFlowed(lines('>  ', '> text'))).toBe('>  text');
  });

  it('ends a paragraph at the fixed empty line a flowed line joins (§4.2)', () => {
    expect(decodeFlowed(lines('para ', '', 'next'))).toBe(lines('para ', 'next'));
  });

  it('removes the space of a soft break with DelSp=yes, and only there (§4.2)', () => {
    expect(decodeFlowed(lines('Zusammen ', 'geschrieben ', 'und fertig'), true)).toBe('Zusammengeschriebenund fertig');
    expect(decodeFlowed(lines('> a ', '> b'), true)).toBe('> ab');
    expect(decodeFlowed(lines('kept ', '> quoted'), true)).toBe(lines('kept ', '> quoted'));
    expect(decodeFlowed('last ', true)).toBe('last ');
    expect(decodeFlowed(lines('a ', 'b'), false)).toBe('a b');
  });

  it('never flows the signature separator and never joins it to the line before (§4.3)', () => {
    expect(decodeFlowed(lines('Thanks ', '-- ', 'Name ', 'Company'))).toBe(lines('Thanks ', '-- ', 'Name Company'));
    expect(decodeFlowed(lines('> Thanks ', '> -- ', '> Name'))).toBe(lines('> Thanks ', '> -- ', '> Name'));
    expect(decodeFlowed(lines('-- ', 'Name'), true)).toBe(lines('-- ', 'Name'));
    // `--` without the space and `--  ` are no separators.
    expect(decodeFlowed(lines('a ', '--  ', 'b'))).toBe('a --  b');
  });

  it('reads CRLF and LF line ends alike, keeps a lone CR, and gives LF', () => {
    expect(decodeFlowed('> one \r\n> two\r\nreply \r\nthree\r\n')).toBe(lines('> one two', 'reply three'));
    expect(decodeFlowed('a \r\n\r\nb')).toBe(lines('a ', 'b'));
    expect(decodeFlowed('a\rb \nc')).toBe('a\rb c');
  });

  it('treats a final line end as the end of the last line', () => {
    expect(decodeFlowed('')).toBe('');
    expect(decodeFlowed('\n')).toBe('');
    expect(decodeFlowed('a\n')).toBe('a');
    expect(decodeFlowed('a\n\n')).toBe('a\n');
    expect(decodeFlowed('a \n')).toBe('a ');
  });
});

describe('decodeFlowed and libmime', () => {
  // Where libmime is right — no quote marks, no leading spaces, nothing that joins into `-- `, no empty line
  // after a soft break — the two must give the same text.
  const PIECES = ['word', 'two words', 'x', 'tab\t', 'caf\xc3\xa9', '12:34', '', '(-)'];
  it('agree on unquoted, unstuffed text', () => {
    // The comparison means something only against libmime's own decoder (parse-mail.ts replaces it).
    expect(libmime.decodeFlowed('> a \nb')).toBe('> a b');
    for (let seed = 1; seed <= 500; seed++) {
      const r = prng(seed);
      const eol = r.chance(0.3) ? '\r\n' : '\n';
      const out: string[] = [];
      let soft = false;
      for (let i = r.int(12); i >= 0; i--) {
        let line = r.pick(PIECES);
        if (line === '' && soft) line = 'x';
        // An empty line given spaces would start with one: space-stuffing, which libmime does not undo there.
        if (line !== '' && r.chance(0.4)) line += r.chance(0.8) ? ' ' : '  ';
        soft = line.endsWith(' ');
        out.push(line);
      }
      // libmime reads a final line end as one more (empty) line, and DelSp then trims a soft last line.
      const text = out.join(eol) + (!soft && r.chance(0.5) ? eol : '');
      const delSp = r.chance(0.5);
      expect(decodeFlowed(text, delSp), `seed ${seed}: ${JSON.stringify(text)}`).toBe(libmime.decodeFlowed(text, delSp));
    }
  });
});

describe('decodeFlowed on hostile input', () => {
  // No clock here: each input is 2 MiB, so a quadratic pass would not finish inside the generous test timeout
  // on any machine, while a linear one does on a loaded one. The outputs are checked, not the time.
  it('decodes a soft-wrapped paragraph, a line of quote marks, alternating depths and stuffing runs', { timeout: 120_000 }, () => {
    const mb = 2 * 1024 * 1024;
    const paragraph = 'word '
      .repeat(3)
      .concat('\n')
      .repeat(mb / 16);
    expect(decodeFlowed(paragraph).length).toBe(paragraph.length - mb / 16);
    expect(decodeFlowed('>'.repeat(mb), true)).toBe('>'.repeat(mb));
    expect(decodeFlowed('>'.repeat(mb).concat(' \n>\n'), true).split('\n')).toHaveLength(2);
    const pairs = Math.floor(mb / 12);
    expect(decodeFlowed('> a \n>> b \n'.repeat(pairs), true).split('\n')).toHaveLength(pairs * 2);
    expect(decodeFlowed(' '.repeat(mb), true).length).toBeLessThanOrEqual(mb);
    expect(decodeFlowed('\r\n'.repeat(mb / 2), true)).toBe('\n'.repeat(mb / 2 - 1));
  });
});
