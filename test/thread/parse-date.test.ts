import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { formatIso, parseDate } from '../../src/thread/parse-date.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

// raw → expected iso; every form here occurs in the corpus, the seeds or the archives they were scraped from.
const ACCEPTED: Array<[string, string]> = [
  // RFC 2822 / 822
  ['Mon, 3 Aug 2020 22:40:55 +0700', '2020-08-03T22:40:55+07:00'],
  ['Mon,  3 Aug 2020 22:40:55 +0700', '2020-08-03T22:40:55+07:00'],
  ['Fri, 03 Mar 2023 13:43:37 -0800', '2023-03-03T13:43:37-08:00'],
  ['Fri, 25 Jun 2010 16:18:12 +0530', '2010-06-25T16:18:12+05:30'],
  ['Fri, 8 Aug 2025 17:22:32 +0930', '2025-08-08T17:22:32+09:30'],
  ['10 Jul 2008 19:08:38 -0000', '2008-07-10T19:08:38+00:00'],
  ['Thu, 01 Jan 1970 00:00:00 +0000', '1970-01-01T00:00:00+00:00'],
  ['Mon, 3 Aug 2020 22:40 +0700', '2020-08-03T22:40:00+07:00'],
  ['  Mon, 3 Aug 2020\r\n 22:40:55 +0700  ', '2020-08-03T22:40:55+07:00'],
  ['Tue,16 Nov 2010 06:51:17 -0800', '2010-11-16T06:51:17-08:00'],
  ['1 Jun 2016 22:00:54+0200', '2016-06-01T22:00:54+02:00'],
  ['mon, 3 aug 2020 22:40:55 +0700', '2020-08-03T22:40:55+07:00'],
  ['Fri, 07 Oct 1994 16:15:05 -0700 (PDT)', '1994-10-07T16:15:05-07:00'],
  ['Wed, 17 Nov 2010 01:53:35 +0100 (CET)', '2010-11-17T01:53:35+01:00'],
  ['Wed, 5 Nov 2025 22:39:26 +0800 (GMT+08:00)', '2025-11-05T22:39:26+08:00'],
  ['Mon, 2 Apr 2012 13:56:12 +0000 (UTC)', '2012-04-02T13:56:12+00:00'],
  ['7 Apr 94 17:35:09 GMT', '1994-04-07T17:35:09+00:00'],
  ['Tue, 29 Jul 97 00:08:29 +0900', '1997-07-29T00:08:29+09:00'],
  ['Sat, 1 Jan 05 12:00:00 +0000', '2005-01-01T12:00:00+00:00'],
  ['Thu, 8 Mar 2005 17:40:36 EDT', '2005-03-08T17:40:36-04:00'],
  ['Sun, 21 Mar 1993 23:56:48 PST', '1993-03-21T23:56:48-08:00'],
  ['Mon, 22 Mar 1993 09:41:09 UT', '1993-03-22T09:41:09+00:00'],
  ['Mon, 22 Mar 1993 09:41:09 z', '1993-03-22T09:41:09+00:00'],
  ['Sun, 31 Jan 1999 20:16:03 CET', '1999-01-31T20:16:03+01:00'],
  ['Sun, 31 Jan 1999 20:16:03 JST', '1999-01-31T20:16:03+09:00'],
  ['Sun, 31 Jan 1999 20:16:03 AEDT', '1999-01-31T20:16:03+11:00'],
  ['Wed 29 May 2019 06:09:22 PM EDT', '2019-05-29T18:09:22-04:00'],
  // Y2K-era mailers printed tm_year (years since 1900): RFC 2822 §4.3 adds 1900.
  ['Mon, 29 Sep 103 10:34:51 -0400', '2003-09-29T10:34:51-04:00'],
  ['Mon, 3 Jan 100 18:27:37 -0800 (PST)', '2000-01-03T18:27:37-08:00'],
  ['Wed, 22 May 0102 05:43:00 +0900', '2002-05-22T05:43:00+09:00'],
  // Bogus clocks, but syntactically valid and inside the accepted span: kept as written.
  ['Mon, 18 Jun 2085 15:57:19 +0000', '2085-06-18T15:57:19+00:00'],
  // Weekday contradicting the date (8 Mar 2005 was a Tuesday): the date wins.
  ['Thu, 8 Mar 2005 17:40:36 -0400', '2005-03-08T17:40:36-04:00'],
  // Mutt / Gmail attributions
  ['Thu, Apr 08, 2010 at 11:32:06AM -0700', '2010-04-08T11:32:06-07:00'],
  ['Mon, May 11, 2009 at 10:50:39AM -0400', '2009-05-11T10:50:39-04:00'],
  ['Fri, Apr 09, 2010 at 10:43:28PM +0200', '2010-04-09T22:43:28+02:00'],
  ['Fri, Apr 25, 2008 at 12:45:23AM -0700', '2008-04-25T00:45:23-07:00'],
  ['Thu, Apr 1, 2010 at 12:29 PM', '2010-04-01T12:29:00'],
  ['Tue, Apr 6, 2010 at 12:37 AM', '2010-04-06T00:37:00'],
  ['Apr 08, 2010 at 11:32:06 -0700', '2010-04-08T11:32:06-07:00'],
  ['Mon, 2010-04-12 at 20:40 +0200', '2010-04-12T20:40:00+02:00'],
  // asctime / date(1) / mbox From_ lines
  ['Fri Apr 25 17:07:03 CEST 2008', '2008-04-25T17:07:03+02:00'],
  ['Fri Apr 25 17:07:03 2008', '2008-04-25T17:07:03'],
  ['Mon Sep 17 00:00:00 2001', '2001-09-17T00:00:00'],
  ['Thu Jan  1 00:00:00 1970', '1970-01-01T00:00:00'],
  ['Fri Jan 11 23:31:51 2002 +0000', '2002-01-11T23:31:51+00:00'],
  ['Thu Jul 10 13:45:50 2008 -0500', '2008-07-10T13:45:50-05:00'],
  // European D.M.YYYY
  ['21.4.2008 11:14', '2008-04-21T11:14:00'],
  ['21.04.2008 11:14:05', '2008-04-21T11:14:05'],
  // Web archive
  ['Saturday, April 19, 2008 - 6:22 am', '2008-04-19T06:22:00'],
  ['Monday, April 21, 2008 - 12:04 pm', '2008-04-21T12:04:00'],
  ['Friday, April 25, 2008 - 12:36 am', '2008-04-25T00:36:00'],
  ['Friday, June 22, 2007 - 11:50 pm', '2007-06-22T23:50:00'],
  ['Wednesday, September 3, 2008 - 9:05 am', '2008-09-03T09:05:00'],
  // marc.info / ISO 8601 / diff headers
  ['2001-05-18 17:47:48', '2001-05-18T17:47:48'],
  ['2014-02-13 10:42:31', '2014-02-13T10:42:31'],
  ['2008-04-19T06:22:00Z', '2008-04-19T06:22:00+00:00'],
  ['2008-04-19T06:22:00+02:00', '2008-04-19T06:22:00+02:00'],
  ['2008-04-19T06:22:00-0330', '2008-04-19T06:22:00-03:30'],
  ['2008-04-19T06:22:00+02', '2008-04-19T06:22:00+02:00'],
  ['2008-04-19T06:22', '2008-04-19T06:22:00'],
  ['2016-07-19 11:54:24 +0200', '2016-07-19T11:54:24+02:00'],
  ['2007-06-21 16:27:31.000000000 +0200', '2007-06-21T16:27:31+02:00'],
  // Leap day
  ['Tue, 29 Feb 2000 12:00:00 +0000', '2000-02-29T12:00:00+00:00'],
];

const REJECTED: Array<string | null | undefined> = [
  null,
  undefined,
  '',
  'bogus',
  'Whenever',
  '$(date -R)',
  'Wg>',
  // Out of range
  'Mon, 3 Foo 2020 22:40:55 +0700',
  '31.13.2008 11:14',
  'Mon, 32 Jan 2020 10:00:00 +0000',
  'Fri, 30 Feb 2024 10:00:00 +0000',
  'Mon, 29 Feb 2100 10:00:00 +0000',
  'Mon, 3 Aug 2020 25:40:55 +0700',
  'Mon, 3 Aug 2020 22:60:55 +0700',
  'Mon, 3 Aug 2020 22:40:61 +0700',
  'Mon, 3 Aug 2020 22:40:60 +0700',
  'Mon, 3 Aug 2020 22:40:55 +1900',
  'Mon, 3 Aug 2020 22:40:55 +0575',
  'Wed, 1 Jan 0 00:00:00 +0000',
  'Wed, 1 Jan 0000 00:00:00 +0000',
  'Fri, 31 Dec 9999 23:59:59 +0000',
  'Wed, 1 Jan 1969 00:00:00 +0000',
  'Wed, 1 Jan 69 00:00:00 +0000',
  'Wed, 4 Jun 207777777777777777777714 17:50:46 0',
  '2101-01-01 00:00:00',
  'Saturday, April 19, 2008 - 13:22 pm',
  'Saturday, April 19, 2008 - 0:22 am',
  // Zones without sign or truncated: corruption, not an offset
  'Wed, 4 Jun 2014 17:50:46 0',
  'Mon, 3 Aug 2020 22:40:55 0200',
  '1 Jun 2016 22:00:54 +02',
  // Broken weekday prefixes (patchwork fuzz, perceval's "Invalid date" sample)
  ', 11 Sep 2016 23:22:04 +0100',
  'on, 05 Dec 2011 16:49:35 -0800',
  'RANDOM_Wed, 21 Sep 2016 22:42:07 +0300',
  'Mon, 23 Jan 2017 09:16n device */',
  'Wed, 4 Jun 2014 17:50:\u00ff\u00ff\u00ff',
  ',  1 Jun 2016 22:00:54\u001d+0200',
  // Ambiguous numeric US/European order
  '04/05/2008',
  '04/05/2008 11:14',
  '4-5-2008 11:14',
  // A date without a time would need an invented time of day
  '21.4.2008',
  '2008-04-19',
  'Tuesday 30 March 2010',
  // Year-less without a hint
  'Sun Mar 9, 10:40 am',
  '(Fri Mar 28, 4:25 pm)',
  'Thu Jan 01 00:00:10 +0000',
  // A zone on both sides of the year contradicts itself
  'Fri Apr 25 17:07:03 CEST 2008 +0200',
  // Month-like words that are not months
  'Mon, 3 Marble 2020 22:40:55 +0700',
];

describe('parseDate', () => {
  it.each(ACCEPTED)('parses %j', (raw, iso) => {
    const parsed = parseDate(raw);
    expect(parsed.iso).toBe(iso);
    expect(parsed.hasZone).toBe(/[+-]\d{2}:\d{2}$/.test(iso));
    expect(parsed.epoch).toBeTypeOf('number');
  });

  it.each(REJECTED.map((r) => [r]))('rejects %j', (raw) => {
    expect(parseDate(raw)).toEqual({ iso: null, epoch: null, hasZone: false });
  });

  it('computes the instant from the stated offset without converting iso to UTC', () => {
    const a = parseDate('Fri, 25 Jun 2010 16:18:12 +0530');
    const b = parseDate('Fri, 25 Jun 2010 10:48:12 +0000');
    expect(a.epoch).toBe(Date.UTC(2010, 5, 25, 10, 48, 12));
    expect(a.epoch).toBe(b.epoch);
    expect(parseDate('Fri Apr 25 17:07:03 CEST 2008').epoch).toBe(Date.UTC(2008, 3, 25, 15, 7, 3));
    expect(parseDate('Mon, 3 Jan 100 18:27:37 -0800').epoch).toBe(Date.UTC(2000, 0, 4, 2, 27, 37));
  });

  it('orders a zoneless date as if it were UTC', () => {
    expect(parseDate('Saturday, April 19, 2008 - 6:22 am')).toEqual({
      iso: '2008-04-19T06:22:00',
      epoch: Date.UTC(2008, 3, 19, 6, 22, 0),
      hasZone: false,
    });
    expect(parseDate('Thu Jan  1 00:00:00 1970').epoch).toBe(0);
  });

  it('keeps the wall-clock time but no zone for an ambiguous zone name', () => {
    expect(parseDate('Fri, 25 Jun 2010 16:18:12 IST')).toEqual({
      iso: '2010-06-25T16:18:12',
      epoch: Date.UTC(2010, 5, 25, 16, 18, 12),
      hasZone: false,
    });
    expect(parseDate('Fri Apr 25 17:07:03 BST 2008').iso).toBe('2008-04-25T17:07:03');
  });

  it('completes year-less list entries only from a yearHint', () => {
    expect(parseDate('Sun Mar 9, 10:40 am', { yearHint: 2008 }).iso).toBe('2008-03-09T10:40:00');
    expect(parseDate('(Fri Mar 28, 4:25 pm)', { yearHint: 2008 }).iso).toBe('2008-03-28T16:25:00');
    expect(parseDate('(Sat Apr 5, 12:04 am)', { yearHint: 2008 }).iso).toBe('2008-04-05T00:04:00');
    // 9 Mar 2009 was a Monday: the date is kept as written, not moved to a year where Sunday fits.
    expect(parseDate('Sun Mar 9, 10:40 am', { yearHint: 2009 }).iso).toBe('2009-03-09T10:40:00');
    expect(parseDate('Sun Mar 9, 10:40 am', { yearHint: null }).iso).toBeNull();
    expect(parseDate('Sun Feb 29, 10:40 am', { yearHint: 2009 }).iso).toBeNull();
    expect(parseDate('Sun Mar 9, 10:40 am', { yearHint: 1900 }).iso).toBeNull();
    expect(parseDate('Sun Mar 9, 10:40 am', { yearHint: 2008.5 }).iso).toBeNull();
    // A year in the text is never overridden by the hint.
    expect(parseDate('Mon, 3 Aug 2020 22:40:55 +0700', { yearHint: 1999 }).iso).toBe('2020-08-03T22:40:55+07:00');
  });

  it('formats instants with and without an offset', () => {
    const epoch = Date.UTC(2010, 5, 25, 10, 48, 12);
    expect(formatIso(epoch, null)).toBe('2010-06-25T10:48:12');
    expect(formatIso(epoch, 330)).toBe('2010-06-25T16:18:12+05:30');
    expect(formatIso(epoch, -420)).toBe('2010-06-25T03:48:12-07:00');
    expect(formatIso(epoch, 0)).toBe('2010-06-25T10:48:12+00:00');
    expect(formatIso(epoch, -0)).toBe('2010-06-25T10:48:12+00:00');
  });

  it('parses every Date: header of the kernel list archives', () => {
    const root = join(CORPUS, 'linux-mailinglist-archives');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mbox') || f.endsWith('.eml'));
    const failures: string[] = [];
    let seen = 0;
    for (const file of files) {
      const lines = readFileSync(join(root, file), 'latin1').split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i].startsWith('Date:')) continue;
        let value = lines[i].slice('Date:'.length);
        // Folded header: continuation lines start with whitespace.
        while (i + 1 < lines.length && /^[ \t]+\S/.test(lines[i + 1])) value += ` ${lines[++i]}`;
        seen++;
        if (parseDate(value).iso === null) failures.push(`${file}: ${value}`);
      }
    }
    expect(files.length).toBeGreaterThan(30);
    expect(seen).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });
});
