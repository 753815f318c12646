// One decision for every unit the machine writes into a case file, a frontmatter key or a section
// (src/casefile/merge-case.ts decide): the editor's words are never overwritten, the machine's are refreshed.
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/casefile/merge-case.ts';

describe('the merge decision of a re-import', () => {
  it.each([
    ['the machine never wrote it and the file lacks it', undefined, null, 'new', 'insert'],
    ['an editor removed what the machine wrote', 'old', null, 'new', 'deleted-kept'],
    ['the file still holds what the machine wrote', 'old', 'old', 'new', 'refresh'],
    ['nothing changed on either side', 'old', 'old', 'old', 'refresh'],
    ['an editor changed it and the machine moved on', 'old', 'edited', 'new', 'edited-kept'],
    ['an editor changed it and the machine did not', 'old', 'edited', 'old', 'unchanged'],
    ['no record, the file holds its own version, the machine says another', undefined, 'editor', 'new', 'edited-kept'],
    ['no record, and the file already says what the machine says', undefined, 'same', 'same', 'unchanged'],
  ] as const)('%s: %s', (_, base, ours, theirs, expected) => {
    expect(decide(base, ours, theirs)).toBe(expected);
  });
});
