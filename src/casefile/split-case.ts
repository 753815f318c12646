// A case file as text: YAML frontmatter, a preamble, and `## ` sections — split without a Markdown parser
// so that an editor's text is carried over byte for byte. Fenced code blocks are respected: a `## ` line
// inside a fence (a quoted mail, a diff) is not a heading.

export interface CaseSection {
  /** The heading text (`Root cause`). */
  name: string;
  /** The heading line as written. */
  heading: string;
  /** The body after the heading line, up to the next section. */
  body: string;
  /** 1-based line of the heading in the file. */
  line: number;
}

export interface SplitCase {
  /** The YAML between the `---` lines, without them. */
  frontmatter: string;
  /** 1-based line where the frontmatter's YAML starts. */
  frontmatterLine: number;
  /** Text between the frontmatter and the first section. */
  preamble: string;
  sections: CaseSection[];
}

export class CaseFileError extends Error {
  readonly line: number | null;
  constructor(message: string, line: number | null) {
    super(message);
    this.name = 'CaseFileError';
    this.line = line;
  }
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits a case file; throws CaseFileError when the frontmatter is not closed (a half-written file). */
export function splitCase(source: string): SplitCase {
  const text = source.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0] !== '---') throw new CaseFileError('the file does not start with a `---` frontmatter line', 1);
  const close = lines.indexOf('---', 1);
  if (close < 0) throw new CaseFileError('the frontmatter is not closed by a `---` line (a half-written file?)', 1);
  const frontmatter = lines.slice(1, close).join('\n');
  const sections: CaseSection[] = [];
  const preamble: string[] = [];
  let current: { name: string; heading: string; body: string[]; line: number } | null = null;
  let fence: string | null = null;
  for (let i = close + 1; i < lines.length; i++) {
    const line = lines[i];
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = null;
    } else if (f) {
      fence = f[1];
    } else if (/^## +\S/.test(line)) {
      if (current) sections.push({ name: current.name, heading: current.heading, body: current.body.join('\n'), line: current.line });
      current = {
        name: line
          .replace(/^## +/, '')
          .replace(/\s+#*\s*$/, '')
          .trim(),
        heading: line,
        body: [],
        line: i + 1,
      };
      continue;
    }
    (current ? current.body : preamble).push(line);
  }
  if (current) sections.push({ name: current.name, heading: current.heading, body: current.body.join('\n'), line: current.line });
  if (fence) throw new CaseFileError(`a code block opened with ${fence} is never closed (a half-written file?)`, null);
  return { frontmatter, frontmatterLine: 2, preamble: preamble.join('\n'), sections };
}

/** Joins the parts back into a file. */
export function joinCase(parts: { frontmatter: string; preamble: string; sections: { heading: string; body: string }[] }): string {
  const fm = parts.frontmatter.endsWith('\n') ? parts.frontmatter : `${parts.frontmatter}\n`;
  const out = [`---\n${fm}---`];
  const pre = parts.preamble.replace(/^\n+|\n+$/g, '');
  if (pre) out.push(pre);
  for (const s of parts.sections) out.push(`${s.heading}\n\n${s.body.replace(/^\n+|\n+$/g, '')}`);
  return `${out.join('\n\n')}\n`;
}
