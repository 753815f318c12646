// Dates as mail headers, mail clients' attributions, web archives and list indexes write them. The casebook
// never invents a date: anything not read with confidence becomes { iso: null, epoch: null, hasZone: false }.
// Date.parse is never used on input (its accepted forms differ between engines and locales), and nothing here
// reads the clock: every value comes from the text, and instants are computed with Date.UTC.
import type { ParsedDate } from './types.ts';

export interface ParseDateOptions {
  /** Year to use for forms that omit it (list entries like `Sun Mar 9, 10:40 am`); without it they are null. */
  yearHint?: number | null;
}

const NONE: ParsedDate = { iso: null, epoch: null, hasZone: false };

// Archives hold junk years (0, 9999, 2077777...); a span wider than mail's real one would let those through.
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;
// Real UTC offsets run from -12:00 to +14:00; a larger one is a corrupted header, not a zone.
const MAX_OFFSET_HOURS = 14;
// Fuzzed headers can be kilobytes long; no real date is, and the cap keeps the regexes cheap.
const MAX_LENGTH = 200;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// RFC 822 zone names plus abbreviations that name exactly one offset. Left out on purpose because they name
// several: IST (India/Ireland/Israel), BST (British/Bangladesh), AST (Atlantic/Arabia), CST beyond RFC 822's
// meaning (China), NST, EAT/WAT pairs. An unlisted name leaves the time zoneless rather than guessed.
const ZONES: Record<string, number> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  WET: 0,
  WEST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

// Building blocks, matched case-insensitively against whitespace-collapsed text. The weekday is only skipped:
// mailers get it wrong often enough that it must not veto (or shift) the date that follows it.
const DAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,? ?)?`;
const MON = String.raw`([a-z]{3,9})\.?`;
// h, min, optional sec and fraction, optional am/pm (mutt writes `11:32:06AM`, web archives `6:22 am`).
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? ?(?:([ap])\.?m\.?)?`;
// Offsets must carry a sign and four digits: `0200` or `+02` in a mail header is truncation, not a zone.
const ZONE = String.raw`([+-]\d{2}:?\d{2}|[a-z]{1,5})`;

const re = (src: string): RegExp => new RegExp(`^${src}$`, 'i');

// RFC 2822/822: `Mon,  3 Aug 2020 22:40:55 +0700`, `7 Apr 94 17:35:09 GMT`, `Wed 29 May 2019 06:09:22 PM EDT`.
const RFC_FORM = re(`${DAY}(\\d{1,2})[ -]${MON}[ -](\\d{2,4}),? ${TIME}(?: ?${ZONE})?`);
// Month first with a year: mutt/gmail attributions (`Thu, Apr 08, 2010 at 11:32:06AM -0700`) and web archives
// (`Saturday, April 19, 2008 - 6:22 am`).
const MONTH_FIRST_FORM = re(`${DAY}${MON} (\\d{1,2}),? (\\d{4})(?: at|,| -)? ${TIME}(?: ?${ZONE})?`);
// asctime/date(1)/mbox From lines: the zone may sit before the year (`CEST 2008`) or after it (`2002 +0000`).
const ASCTIME_FORM = re(`${DAY}${MON} (\\d{1,2}) ${TIME}(?: ${ZONE})? (\\d{4})(?: ${ZONE})?`);
// List indexes leave the year out (`Sun Mar 9, 10:40 am`); only a caller's yearHint can complete them.
const YEARLESS_FORM = re(`${DAY}${MON} (\\d{1,2}),? ${TIME}(?: ?${ZONE})?`);
// European day.month.year; dots rule out the US month/day reading that makes `04/05/2008` unreadable.
const EUROPEAN_FORM = re(`(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}),? ${TIME}(?: ?${ZONE})?`);
// ISO 8601, marc.info and diff headers (`2007-06-21 16:27:31.000000000 +0200`), Evolution's `2010-04-12 at 20:40`.
const ISO_FORM = re(`${DAY}(\\d{4})-(\\d{2})-(\\d{2})(?:t| | at |, )${TIME} ?([+-]\\d{2}(?::?\\d{2})?|[a-z]{1,5})?`);

/** Formats an instant as `YYYY-MM-DDTHH:MM:SS`, as wall-clock time at the given offset when there is one. */
export function formatIso(epochUtcMs: number, offsetMinutes: number | null): string {
  const wall = new Date(epochUtcMs + (offsetMinutes ?? 0) * 60_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const base =
    `${p(wall.getUTCFullYear(), 4)}-${p(wall.getUTCMonth() + 1)}-${p(wall.getUTCDate())}` +
    `T${p(wall.getUTCHours())}:${p(wall.getUTCMinutes())}:${p(wall.getUTCSeconds())}`;
  if (offsetMinutes === null) return base;
  const abs = Math.abs(offsetMinutes);
  // RFC 2822's `-0000` ("UTC, local zone unknown") still names the UTC instant, so it prints as +00:00.
  return `${base}${offsetMinutes < 0 ? '-' : '+'}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}

function monthNumber(word: string): number {
  const w = word.toLowerCase();
  // Only a 3-letter abbreviation, `sept` or the full name: arbitrary words starting `mar`/`may` are not months.
  const i = MONTHS.findIndex((m) => w === m || w === m.slice(0, 3) || (m === 'september' && w === 'sept'));
  return i + 1;
}

/** RFC 2822 §4.3: 2-digit years pivot at 50; 3-digit ones (Y2K bugs printing tm_year, `103`, `0102`) add 1900. */
function fullYear(token: string): number {
  const n = Number(token);
  if (token.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  return n >= 100 && n <= 999 ? 1900 + n : n;
}

/** Minutes east of UTC; null for an unrecognised name (time kept, zone unknown); NaN for a malformed offset. */
function zoneMinutes(token: string): number | null {
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(token);
  if (numeric) {
    const h = Number(numeric[2]);
    const m = Number(numeric[3] ?? '0');
    if (h > MAX_OFFSET_HOURS || m > 59) return NaN;
    return (numeric[1] === '-' ? -1 : 1) * (h * 60 + m);
  }
  const named = ZONES[token.toUpperCase()];
  return named === undefined ? null : named;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
  second: string | undefined;
  fraction: string | undefined;
  meridiem: string | undefined;
  zone: string | undefined;
}

function build(f: Fields): ParsedDate {
  const { year, month, day } = f;
  let hour = Number(f.hour);
  const minute = Number(f.minute);
  const second = f.second === undefined ? 0 : Number(f.second);
  if (f.meridiem) {
    // 12-hour clocks have no hour 0 or 13+; such a value means the text is not what it seems.
    if (hour < 1 || hour > 12) return NONE;
    hour = (hour % 12) + (f.meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return NONE;
  if (month < 1 || month > 12 || day < 1) return NONE;
  // Day 0 of the next month is the last day of this one: catches Feb 30 and Apr 31 without a table.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return NONE;
  // Leap seconds (:60) are rejected too: none occur in mail, and Date.UTC would roll them into the next minute.
  if (hour > 23 || minute > 59 || second > 59) return NONE;
  let offset: number | null = null;
  if (f.zone !== undefined) {
    offset = zoneMinutes(f.zone);
    if (Number.isNaN(offset)) return NONE;
  }
  const ms = f.fraction === undefined ? 0 : Number(f.fraction.slice(0, 3).padEnd(3, '0'));
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const epoch = wallAsUtc - (offset ?? 0) * 60_000;
  return { iso: formatIso(epoch, offset), epoch, hasZone: offset !== null };
}

function normalise(raw: string): string {
  let s = raw.replace(/\s+/g, ' ').trim();
  // List indexes wrap the whole entry date in parentheses: `(Fri Mar 28, 4:25 pm)`.
  const wrapped = /^\(([^()]*)\)$/.exec(s);
  if (wrapped) s = wrapped[1].trim();
  // Trailing comments (`(PDT)`, `(GMT+08:00)`) are invisible per RFC 2822; the numeric offset is authoritative.
  let previous: string;
  do {
    previous = s;
    s = s.replace(/ ?\([^()]*\)$/, '').trim();
  } while (s !== previous);
  return s;
}

/** Parses a date in any form found in kernel mail and its archives; null fields when unsure. */
export function parseDate(raw: string | null | undefined, options: ParseDateOptions = {}): ParsedDate {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) return NONE;
  const s = normalise(raw);
  if (s === '') return NONE;
  const time = (m: RegExpExecArray, i: number) => ({
    hour: m[i],
    minute: m[i + 1],
    second: m[i + 2],
    fraction: m[i + 3],
    meridiem: m[i + 4],
  });

  let m = RFC_FORM.exec(s);
  if (m) return build({ day: Number(m[1]), month: monthNumber(m[2]), year: fullYear(m[3]), ...time(m, 4), zone: m[9] });

  m = MONTH_FIRST_FORM.exec(s);
  if (m) return build({ month: monthNumber(m[1]), day: Number(m[2]), year: Number(m[3]), ...time(m, 4), zone: m[9] });

  m = ASCTIME_FORM.exec(s);
  if (m) {
    // A zone on both sides of the year contradicts itself; picking one would be a guess.
    if (m[8] !== undefined && m[10] !== undefined) return NONE;
    return build({ month: monthNumber(m[1]), day: Number(m[2]), year: Number(m[9]), ...time(m, 3), zone: m[8] ?? m[10] });
  }

  m = EUROPEAN_FORM.exec(s);
  if (m) return build({ day: Number(m[1]), month: Number(m[2]), year: Number(m[3]), ...time(m, 4), zone: m[9] });

  m = ISO_FORM.exec(s);
  if (m) {
    // ISO 8601 allows an hours-only offset (`+02`); only in this form is it unambiguous.
    const zone = m[9] !== undefined && /^[+-]\d{2}$/.test(m[9]) ? `${m[9]}00` : m[9];
    return build({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), ...time(m, 4), zone });
  }

  m = YEARLESS_FORM.exec(s);
  if (m) {
    const hint = options.yearHint;
    // Without a hint the year would have to be guessed (e.g. from "now"), which is exactly what we refuse to do.
    if (typeof hint !== 'number' || !Number.isInteger(hint)) return NONE;
    // The weekday may disagree with the hinted year; the date is kept as written rather than moved to a year
    // where the weekday fits, since that would be inventing.
    return build({ month: monthNumber(m[1]), day: Number(m[2]), year: hint, ...time(m, 3), zone: m[8] });
  }
  return NONE;
}

/**
 * A date as the pages show it, to the minute, so that a list reads in order: a date that states its zone in UTC
 * (`2010-04-06 20:02 UTC`), one that does not as the source wrote it, without a zone (`2008-04-19 06:22`): never
 * given a zone of our choosing.
 */
export function displayTime(iso: string | null): string {
  if (!iso) return 'undated';
  if (!/(?:Z|[+-]\d\d:\d\d)$/.test(iso)) return iso.slice(0, 16).replace('T', ' ');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
