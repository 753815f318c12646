// The quick reject in front of the report families: the literal every header match contains must really be
// in every line a family's header matches, or reports would be missed.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCrashReports } from '../../src/analysis/index.ts';
import { parseConsoleLine } from '../../src/analysis/symptoms/console-line.ts';
import { familyOf, literalNeedle, mayHoldReport, REPORT_FAMILIES } from '../../src/analysis/symptoms/report-families.ts';
import { CORPUS, hasShared } from '../helpers/paths.ts';
import { filesUnder } from '../helpers/files.ts';

describe('literalNeedle', () => {
  it('reads the longest literal run every match contains', () => {
    expect(literalNeedle(/\bOops(?:\[#\d+\])?: /)).toBe('Oops');
    expect(literalNeedle(/^\s*unreferenced object 0x[0-9a-f]+ \(size \d+\):/)).toBe('unreferenced object 0x');
    expect(literalNeedle(/abc?d/)).toBe('ab');
    expect(literalNeedle(/a\.b\(c/)).toBe('a.b(c');
    expect(literalNeedle(/x[abc]+yz/)).toBe('yz');
    expect(literalNeedle(/(x[)]y)zz/)).toBe('zz');
    expect(literalNeedle(/a{2,3}bcd/)).toBe('bcd');
    expect(literalNeedle(/ab(?!c)d/)).toBe('ab');
  });

  it('gives up where a literal cannot be read off safely', () => {
    expect(literalNeedle(/foo|bar/)).toBeNull();
    expect(literalNeedle(/foobar/i)).toBeNull();
    expect(literalNeedle(/ab\x41cd/)).toBeNull();
    expect(literalNeedle(/(a)\1/)).toBeNull();
  });

  it('finds a literal for every family header, so the quick reject is on', () => {
    for (const f of REPORT_FAMILIES) {
      const needle = typeof f.header === 'string' ? f.header : literalNeedle(f.header);
      expect(needle, String(f.header)).toBeTruthy();
    }
    expect(mayHoldReport('nothing to see here\njust prose\n')).toBe(false);
    expect(findCrashReports('nothing to see here\njust prose\n')).toEqual([]);
  });
});

describe.skipIf(!hasShared)('the quick reject on real reports', () => {
  it('keeps every corpus line a family header matches', () => {
    let matched = 0;
    for (const file of filesUnder(CORPUS)) {
      if (statSync(file).size > 4 * 1024 * 1024) continue;
      const text = readFileSync(file, 'latin1');
      for (const raw of text.split('\n')) {
        const line = parseConsoleLine(raw).text;
        for (const f of REPORT_FAMILIES) {
          if (typeof f.header === 'string' || !f.header.test(line)) continue;
          matched++;
          expect(line.includes(literalNeedle(f.header)!), `${file}: ${line}`).toBe(true);
        }
        if (familyOf(line)) expect(mayHoldReport(raw), `${file}: ${raw}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(30);
  }, 120_000);
});
