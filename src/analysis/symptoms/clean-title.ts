// Makes a title stable across runs of the same bug: addresses, pids, line numbers, CPU numbers and
// function offsets change every time and would make one bug look like many, so they become ADDR, NUM,
// LINE or disappear — the same normalisation syzbot applies, so titles compare with syzbot's.

const REPLACEMENTS: [RegExp, string][] = [
  // Executor and repro process names carry their pid.
  [/syz-executor\.?[0-9]+((\/|:)[0-9]+)?/g, 'syz-executor'],
  [/syzkaller[0-9]+((\/|:)[0-9]+)?/g, 'syzkaller'],
  [/([^a-zA-Z0-9])(?:0x)?[0-9a-f]{6,}/g, '$1ADDR'],
  [/([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})/g, 'IP'],
  [/(\.\w+)(:[0-9]+)+/g, '$1:LINE'],
  // `ip6_fragment+0x1052/0x2d80` → `ip6_fragment`.
  [/([a-zA-Z][a-zA-Z0-9_.]+)\+0x[0-9a-z]+\/0x[0-9a-z]+/g, '$1'],
  [/CPU#[0-9]+/g, 'CPU'],
  // Numbers not yet replaced; matches can overlap ("0,1,2"), hence the repetition below.
  [/(\W)(\d+)(\W|$)/g, '$1NUM$3'],
  // Digits inside a name (cfg80211_…) stay, but a long run of them is not a name.
  [/\d{7,}/g, 'NUM'],
];

// Intermixed console lines can glue a whole log onto a header; a title stays a title.
const MAX_TITLE_LENGTH = 120;

export function cleanTitle(title: string): string {
  let out = title;
  for (const [re, to] of REPLACEMENTS) {
    for (let guard = 0; guard < 100; guard++) {
      const next = out.replace(re, to);
      if (next === out) break;
      out = next;
    }
  }
  return sanitize(out);
}

/** Tabs become spaces, control and non-ASCII bytes go, runs of spaces collapse; at most 120 bytes read. */
function sanitize(title: string): string {
  let res = '';
  let prev = ' ';
  const bytes = new TextEncoder().encode(title);
  for (let i = 0; i < bytes.length && i < MAX_TITLE_LENGTH; i++) {
    let ch = String.fromCharCode(bytes[i]);
    if (ch === '\t') ch = ' ';
    else if (bytes[i] < 0x20 || bytes[i] >= 0x7f) continue;
    if (ch === ' ' && prev === ' ') continue;
    res += ch;
    prev = ch;
  }
  return res.trim();
}
