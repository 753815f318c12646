// highlight(): the HTML the thread pages embed, and the module's public surface.
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { bundledThemes, createJavaScriptRegexEngine } from 'shiki';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/highlight/index.ts';
import { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS, highlight, MAX_TOKENIZED_LINE } from '../../src/highlight/index.ts';
import { createTestHighlighter, scopeDump } from './scope-dump.ts';

const PATCH = ['@@ -1,2 +1,2 @@', '-\tif (kernel_text_address(addr)) {', '+\tif (core_kernel_text(addr)) {', ' \t\tkfree(p);'].join('\n');

describe('highlight()', () => {
  it.each(['kernel-log', 'diff', 'c', 'text'] as const)('escapes markup in the input (%s)', async (lang) => {
    const input = '[  1.0] BUG: <script>alert(1)</script> & "x"\n+<img src=x onerror=alert(1)>';
    const html = await highlight(input, lang);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&#x3C;');
    expect(textOf(html)).toBe(input);
  });

  it('writes the light colours inline and the dark ones as --shiki-dark variables, with no script', async () => {
    const html = await highlight('[12844.066765] IP: [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117', 'kernel-log');
    expect(html).toMatch(/^<pre class="shiki shiki-themes github-light-default github-dark-default"/);
    expect(html).toContain('--shiki-dark:');
    expect(html).toContain('--shiki-dark-bg:');
    expect(html).not.toMatch(/<script|\son\w+=/i);
  });

  it('classes the added and removed lines of a hunk, and no header line', async () => {
    const html = await highlight(`--- a/x.c\n+++ b/x.c\n${PATCH}`, 'diff');
    const classes = [...html.matchAll(/<span class="(line[^"]*)"/g)].map((m) => m[1]);
    expect(classes).toEqual(['line', 'line', 'line', 'line diff remove', 'line diff add', 'line']);
  });

  it('numbers the lines as data when asked', async () => {
    const html = await highlight('a\nb', 'text', { lineNumbers: true });
    expect(html).toMatch(/^<pre class="shiki [^"]* line-numbers"/);
    expect(html).toContain('<span class="line" data-line="1">');
    expect(html).toContain('<span class="line" data-line="2">');
    expect(await highlight('a', 'text')).not.toContain('data-line');
  });

  it('drops one trailing newline, so a segment does not end in an empty line', async () => {
    expect(await highlight('a\n', 'text')).toBe(await highlight('a', 'text'));
  });

  it('leaves a line over MAX_TOKENIZED_LINE plain but still escaped', async () => {
    const long = `BUG: <b> ${'ffffffffffffffff '.repeat(MAX_TOKENIZED_LINE / 16)}`;
    const html = await highlight(long, 'kernel-log');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('#82071E'); // the headline colour
  });

  it('rejects a language it does not know, naming it', async () => {
    await expect(highlight('x', 'rust' as never)).rejects.toThrow(/`rust`.*kernel-log, diff, c, text/);
  });
});

describe('the shiki settings for astro.config.mjs', () => {
  it('replace the bundled diff, and add kernel-log, in Astro’s Markdown', async () => {
    const markdown = await createMarkdownProcessor({
      shikiConfig: { themes: CASEBOOK_THEMES, langs: CASEBOOK_LANGS, defaultColor: 'light', transformers: CASEBOOK_TRANSFORMERS },
    });
    const page = await markdown.render(`\`\`\`diff\n${PATCH}\n\`\`\`\n\n\`\`\`oops\nOops: 0000 [#1] <script>\n\`\`\`\n`);
    expect(page.code).toContain('<span class="line diff add">');
    expect(page.code).toMatch(/>if<\/span>/); // `if` is a token of its own: C was applied inside the diff
    expect(page.code).toContain('#82071E'); // the headline colour of the oops
    expect(page.code).not.toContain('<script');
  });

  it('pick themes whose every token colour reaches WCAG AA on their background', async () => {
    for (const name of Object.values(CASEBOOK_THEMES)) {
      const theme = (await bundledThemes[name]()).default;
      const bg = theme.colors!['editor.background'];
      // Rules with a background of their own (carriage-return, markup.ignored) are for scopes these
      // grammars never produce; shiki would not paint that background anyway.
      const rules = theme.tokenColors!.filter((t) => !t.settings.background);
      const fgs = [theme.colors!['editor.foreground'], ...rules.map((t) => t.settings.foreground)];
      for (const fg of fgs.filter((c): c is string => !!c && c.length === 7)) {
        expect(contrast(fg, bg), `${name}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('tokenize the same with the JavaScript regex engine (Astro’s on workerd) as with Oniguruma', async () => {
    const onig = await createTestHighlighter();
    const js = await createTestHighlighter(createJavaScriptRegexEngine());
    const log = 'BUG: KASAN: use-after-free in f+0x1/0x2\n ? g+0x3/0x4\nRIP: 0010:h+0x5/0x6 fs/x.c:7';
    expect(scopeDump(js, log, 'kernel-log')).toBe(scopeDump(onig, log, 'kernel-log'));
    expect(scopeDump(js, PATCH, 'diff')).toBe(scopeDump(onig, PATCH, 'diff'));
  });
});

describe('the public surface of src/highlight', () => {
  it('exports what astro.config.mjs and the pages use', () => {
    expect(Object.keys(api).sort()).toEqual([
      'CASEBOOK_LANGS',
      'CASEBOOK_THEMES',
      'CASEBOOK_TRANSFORMERS',
      'HIGHLIGHT_LANGS',
      'MAX_TOKENIZED_LINE',
      'diffCGrammar',
      'forgetHighlighted',
      'highlight',
      'kernelLogGrammar',
      'transformerDiffLines',
      'transformerLineNumbers',
    ]);
    expect(api.kernelLogGrammar).toMatchObject({ name: 'kernel-log', scopeName: 'source.kernel-log', aliases: ['dmesg', 'oops'] });
    expect(api.diffCGrammar).toMatchObject({ name: 'diff', scopeName: 'source.diff-c', embeddedLangs: ['c'] });
    expect(CASEBOOK_LANGS.map((l) => l.name)).toEqual(['c', 'kernel-log', 'diff']);
  });
});

/** The text a browser would show for shiki's HTML: tags dropped, character references decoded. */
function textOf(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return html
    .replace(/<\/span><\/span>\n<span class="line">/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);|&#(\d+);|&(\w+);/gi, (_, hex, dec, name) =>
      hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : named[name],
    );
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
