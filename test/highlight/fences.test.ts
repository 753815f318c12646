// The case files' fences are highlighted by our rehype plugin (src/markdown/rehype-highlight-fences.ts) with
// the thread pages' highlighter instead of Astro's: the HTML must be what Astro's own shiki step gives, for
// every kind of fence an editor may write.
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS } from '../../src/highlight/index.ts';
import rehypeHighlightFences from '../../src/markdown/rehype-highlight-fences.ts';

const DOC = [
  '```kernel-log',
  '[12844.066757] BUG: unable to handle kernel paging request at ffffffffffffffff <script>x</script>',
  '[12844.066765] IP: [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117',
  '```',
  '',
  '```diff',
  '--- a/mm/rmap.c',
  '+++ b/mm/rmap.c',
  '@@ -1,2 +1,2 @@ static void f(void)',
  '-\tspin_lock(&anon_vma->lock);',
  '+\tanon_vma_lock(anon_vma);',
  '```',
  '',
  '```c title="x.c"',
  'static int f(void) { return 0; /* & < > */ }',
  '```',
  '',
  '```',
  'no language <b>at all</b>',
  '```',
  '',
  '```sh',
  'git bisect start && make -j8',
  '```',
  '',
  '```no-such-language',
  'falls back to plain text',
  '```',
  '',
  '```math',
  'x^2',
  '```',
  '',
  '- a list with code inside:',
  '',
  '  ```oops',
  '  Oops: 0000 [#1]',
  '  ```',
  '',
].join('\n');

describe('fences highlighted by the thread pages’ highlighter', () => {
  it('give the HTML Astro’s own shiki step gives', async () => {
    const shikiConfig = { themes: CASEBOOK_THEMES, langs: CASEBOOK_LANGS, defaultColor: 'light' as const, transformers: CASEBOOK_TRANSFORMERS };
    const astro = await createMarkdownProcessor({ shikiConfig });
    const ours = await createMarkdownProcessor({ shikiConfig, syntaxHighlight: false, rehypePlugins: [rehypeHighlightFences] });
    const expected = (await astro.render(DOC)).code;
    const got = (await ours.render(DOC)).code;
    expect(got).toBe(expected);
    expect(got).toContain('data-language="sh"');
    expect(got).toContain('data-language="plaintext"');
    expect(got).toContain('<span style="user-select: none;">+</span>');
    expect(got).not.toContain('<script');
  });
});
