// Facts a report states about the machine: the kernel release and taint flags from the
// "Not tainted 6.1.0-rc1 #1" / "Tainted: G   M     2.6.25 #401" line, and the architecture from the shape
// of the register dump (each arch prints its own).

// `Tainted: G   M     2.6.25 #401`, `Not tainted 4.12.0-rc3+ #3`, arm's `Not tainted  (2.6.24 #1)`.
const TAINT_LINE = /\b(Not tainted|Tainted: ([A-Z -]*?))\s+\(?(\d+\.\d+[^\s()]*)(?:\s+#\d+|\s*\)|\s|$)/;
// Old lockdep banners print the release on a line of its own under the banner: `2.6.30-rc4-tip #31`,
// `3.5.0-rc5 #2 Not tainted`.
const RELEASE_LINE = /^\s*(\d+\.\d+(?:\.\d+)?(?:[-.+][^\s]*)?) #\d+(?:\s+(?:Not tainted|Tainted:.*))?\s*$/;

export interface Taint {
  kernelVersion: string | null;
  /** The taint flags (`G M`, `P`), null when the report says "Not tainted" or does not say. */
  tainted: string | null;
}

export function readTaint(lines: readonly string[]): Taint {
  for (const line of lines) {
    const m = TAINT_LINE.exec(line);
    if (m) {
      const flags = m[2]?.replace(/-+/g, ' ').trim().replace(/\s+/g, ' ') ?? '';
      return { kernelVersion: m[3], tainted: m[1] === 'Not tainted' || flags === '' ? null : flags };
    }
  }
  for (const line of lines) {
    const m = RELEASE_LINE.exec(line);
    if (m) return { kernelVersion: m[1], tainted: null };
  }
  return { kernelVersion: null, tainted: null };
}

// Checked in order; the first arch whose register dump shows up wins. Each sign comes with literals of which
// every match holds one: a report lacking them all is not scanned with the pattern (a multiline `^\s*` is tried
// at every character, and ten such scans of every report were 2 % of a corpus import).
const ARCH_SIGNS: [string, RegExp, string[]][] = [
  // arm64 prints `pc : func+0x…`, `lr : …`, `sp : …` and then x29…x0.
  ['arm64', /^\s*x29\s*: [0-9a-f]{16}/m, ['x29']],
  ['arm64', /^\s*pc : .*\n(?:.*\n)?\s*lr : .*\n(?:.*\n)?\s*sp : [0-9a-f]{16}/m, ['pc : ']],
  // 32-bit arm: `PC is at …` / `LR is at …`, `pc : [<c01098ac>]    lr : [<…>]`.
  ['arm', /^\s*PC is at |^\s*pc : \[<[0-9a-f]{8}>\]\s+lr : /m, ['PC is at ', 'pc : [<']],
  // arm's own frame format: `[<c0014558>] (show_stack) from [<c059798c>] (dump_stack+0x7c/0xc8)`.
  ['arm', /\[<[0-9a-f]{8}>\] \([\w.]+(?:\+0x[0-9a-f]+\/0x[0-9a-f]+)?(?: \[\w+\])?\) from \[</, [') from [<']],
  ['powerpc', /^\s*NIP[: ] *\[?[0-9a-f]{8,16}|^\s*MSR: [0-9a-f]{8,16}/m, ['NIP', 'MSR: ']],
  ['s390', /Krnl PSW :|^\s*Krnl GPRS:/m, ['Krnl ']],
  ['riscv', /^\s*epc : .*\n\s*ra : |status: [0-9a-f]{16} badaddr: /m, ['epc : ', ' badaddr: ']],
  ['mips', /^\s*epc\s+: [0-9a-f]{8,16}|^\s*\$ ?0\s*: /m, ['epc', '$']],
  [
    'x86_64',
    /^\s*RIP: [0-9a-f]{4}:|^\s*R(?:AX|BX|SP|BP|SI|DI): [0-9a-f]{4}|^\s*R1[0-5]: [0-9a-f]{16}/m,
    ['RIP: ', 'RAX: ', 'RBX: ', 'RSP: ', 'RBP: ', 'RSI: ', 'RDI: ', 'R1'],
  ],
  ['i386', /^\s*EIP: [0-9a-f]{4}:|^\s*EIP is at |^\s*EAX: [0-9a-f]{8}/m, ['EIP', 'EAX: ']],
];

// Distribution kernels name their arch in the release: `3.10.4-100.fc18.x86_64`, `3.17.8-300.fc21.armv7hl`.
const RELEASE_ARCH: [string, RegExp][] = [
  ['x86_64', /[.-](?:x86_64|amd64)\b/],
  ['i386', /[.-]i[3-6]86\b/],
  ['arm64', /[.-](?:aarch64|arm64)\b/],
  ['arm', /[.-]armv\d\w*\b/],
  ['powerpc', /[.-]ppc64(?:le)?\b/],
  ['s390', /[.-]s390x\b/],
];

/** The architecture the report was printed on, or null when nothing in it tells. */
export function readArch(text: string, release: string | null = null): string | null {
  for (const [arch, re, needles] of ARCH_SIGNS) if (needles.some((n) => text.includes(n)) && re.test(text)) return arch;
  // An x86 `IP: [<…>]` line without the register dump: the address width tells 64 from 32 bits.
  const ip = /^\s*IP: \[<([0-9a-f]+)>\]/m.exec(text);
  if (ip) return ip[1].length > 8 ? 'x86_64' : 'i386';
  if (release) for (const [arch, re] of RELEASE_ARCH) if (re.test(release)) return arch;
  // Only x86_64 (and mips64, which prints its registers) runs kernel text at 0xffffffff8…/modules at …a/…c.
  if (/\[<ffffffff[8ac][0-9a-f]{7}>\]/.test(text)) return 'x86_64';
  return null;
}
