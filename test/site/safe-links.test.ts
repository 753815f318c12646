// Links from case files (a fix posted elsewhere, what a report duplicates) came from mail: only an absolute
// http(s) URL becomes a link; anything else is shown as text by the pages.
import { describe, expect, it } from 'vitest';
import { safeHttpUrl, shortUrl } from '../../src/site/links.ts';

describe('safeHttpUrl', () => {
  it('keeps absolute http and https URLs, normalised', () => {
    expect(safeHttpUrl('https://lore.kernel.org/r/abc@x')).toBe('https://lore.kernel.org/r/abc@x');
    expect(safeHttpUrl(' http://lore.kernel.org/lkml/a"b<c>@x ')).toBe('http://lore.kernel.org/lkml/a%22b%3Cc%3E@x');
  });

  it('refuses every other scheme, relative links and nothing', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript://example.org/%0aalert(1)',
      'data:text/html,<script>x</script>',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/x',
      '/cases/x/',
      'not a url',
      '',
      null,
      undefined,
    ]) {
      expect(safeHttpUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('shortUrl', () => {
  it('shows host and path, cut with an ellipsis', () => {
    expect(shortUrl('https://lore.kernel.org/')).toBe('lore.kernel.org');
    expect(shortUrl('https://lore.kernel.org/lkml/be911bcddc1dbf4a152513cb3d83f8eed7d2574c@linaro.org')).toBe('lore.kernel.org/lkml/be911bcddc…');
    expect(shortUrl('https://lore.kernel.org/lkml/be911bcddc1dbf4a152513cb3d83f8eed7d2574c@linaro.org')).toHaveLength(32);
  });
});
