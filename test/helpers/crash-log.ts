// Crash logs written inline in tests: indented with the test code, read as the console printed them.
import { expect } from 'vitest';
import { findCrashReports } from '../../src/analysis/symptoms/index.ts';

/** Drops the common indentation so that snippets can be indented with the test code. */
export const log = (text: string) => {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
};

/** The first crash report in an inline log; fails the test when there is none. */
export const first = (text: string) => {
  const reports = findCrashReports(log(text));
  expect(reports.length).toBeGreaterThan(0);
  return reports[0];
};
