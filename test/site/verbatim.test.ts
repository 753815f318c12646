// Mail text is shown verbatim on the case pages: the case text's Markdown pipeline makes no typographic
// substitution (`--` stays `--`, `-->` stays `-->`, quotes stay straight, `...` stays three dots).
import { describe, expect, it } from 'vitest';
import { CASEBOOK_MARKDOWN } from '../../src/markdown/config.ts';

const TEXT = 'Al wrote: "the refcount --> 0 path" -- it\'s the unlink... see `a--b`.';

async function render(smartypants: boolean): Promise<string> {
  const renderer = await CASEBOOK_MARKDOWN.processor.createRenderer({
    syntaxHighlight: CASEBOOK_MARKDOWN.syntaxHighlight,
    shikiConfig: CASEBOOK_MARKDOWN.shikiConfig,
    gfm: true,
    smartypants,
  });
  return (await renderer.render(TEXT)).code;
}

describe('case text', () => {
  it('keeps dashes, arrows, quotes and ellipses as the mail wrote them', async () => {
    const html = await render(CASEBOOK_MARKDOWN.smartypants);
    expect(html).toContain(`"the refcount --> 0 path" -- it's`);
    expect(html).toContain('unlink...');
    expect(html).not.toMatch(/[–—“”‘’…]/);
    // The check can fail: with Astro's default (smartypants on) the same text is changed.
    expect(await render(true)).toMatch(/[–—“”‘’…]/);
  });
});
