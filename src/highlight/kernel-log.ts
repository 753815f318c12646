// A TextMate grammar for Linux kernel console output: oopses, WARNINGs, KASAN/UBSAN/KMSAN and lockdep
// reports, as dmesg, a serial console or syzbot print them.
//
//   [12844.066757] BUG: unable to handle kernel paging request at ffffffffffffffff
//   ^ comment.other.timestamp  ^ invalid.illegal.headline (the address inside: constant.numeric.hex)
//   [12844.066765] IP: [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117
//                  ^ variable.parameter.register   ^ entity.name.function, constant.numeric.offset/size
//
// Rules are not anchored at `^`: a line may or may not carry a log level, a timestamp and a caller id, and
// TextMate lookbehinds cannot skip a prefix of varying length. The markers are specific enough
// (`BUG: `, `[<…>]`, `+0x…/0x…`) to be found anywhere in a line.
import type { LanguageRegistration } from 'shiki';

type Rule = LanguageRegistration['patterns'][number];

// A kernel symbol: `__d_lookup`, `print_circular_bug.isra.36.cold.53`, `__kasan_kmalloc.constprop.0`.
const SYMBOL = String.raw`[A-Za-z_.$][\w.$]*`;
// A source file as the kernel names it, with at least one directory so that `slab.h` in prose is left alone.
const SOURCE_FILE = String.raw`(?:\.{1,2}/)?(?:[\w.+-]+/)+[\w.+-]+\.(?:c|h|S|s|rs|cc|lds)`;
// Registers printed as `NAME: value` by x86-64, i386, ARM and arm64 register dumps.
const REGISTER = [
  'RIP|EIP|IP|RSP|ESP|RAX|RBX|RCX|RDX|RSI|RDI|RBP|EAX|EBX|ECX|EDX|ESI|EDI|EBP|R\\d{1,2}',
  'EFLAGS|ORIG_RAX|knlGS|[CDEFGS]S|CR\\d|DR\\d',
  'pc|lr|sp|ip|fp|psr|pstate|r\\d{1,2}|x\\d{1,2}',
].join('|');

/** `func+0x1c/0x50`, `:nvidia:func+0x1c/0x50` (2.6-era x86-64) or `func+0x1c/0x50 [ext4]`. */
const frame: Rule = {
  match: String.raw`(?<![\w.$])(?:(:)([\w-]+)(:))?(${SYMBOL})(\+)(0x[0-9a-f]+)(/)(0x[0-9a-f]+)(?:\s+(\[)([\w-]+)(\]))?`,
  name: 'meta.frame.kernel-log',
  captures: {
    1: { name: 'punctuation.definition.module.kernel-log' },
    2: { name: 'entity.name.namespace.module.kernel-log' },
    3: { name: 'punctuation.definition.module.kernel-log' },
    4: { name: 'entity.name.function.kernel-log' },
    5: { name: 'punctuation.separator.offset.kernel-log' },
    6: { name: 'constant.numeric.offset.kernel-log' },
    7: { name: 'punctuation.separator.size.kernel-log' },
    8: { name: 'constant.numeric.size.kernel-log' },
    9: { name: 'punctuation.definition.module.kernel-log' },
    10: { name: 'entity.name.namespace.module.kernel-log' },
    11: { name: 'punctuation.definition.module.kernel-log' },
  },
};

const address: Rule = {
  match: String.raw`(\[<)([0-9a-f]+)(>\])`,
  name: 'meta.address.kernel-log',
  captures: {
    1: { name: 'punctuation.definition.address.kernel-log' },
    2: { name: 'constant.numeric.address.kernel-log' },
    3: { name: 'punctuation.definition.address.kernel-log' },
  },
};

const sourceLocation: Rule = {
  match: String.raw`(?<![\w/.-])(${SOURCE_FILE})(?:(:)(\d+))?`,
  captures: {
    1: { name: 'string.unquoted.path.kernel-log' },
    2: { name: 'punctuation.separator.line.kernel-log' },
    3: { name: 'constant.numeric.line.kernel-log' },
  },
};

// 0x-prefixed numbers, and the 8- or 16-digit words of addresses and register values.
const hex: Rule = {
  match: String.raw`(?<![\w.$])(?:0x[0-9a-fA-F]+|[0-9a-f]{16}|[0-9a-f]{8})(?![\w$])`,
  name: 'constant.numeric.hex.kernel-log',
};

/** What may be coloured inside a headline: the culprit function and address stand out from the red. */
const headlineInside: Rule[] = [
  { include: '#frame' },
  { include: '#bare-frame' },
  { include: '#address' },
  { include: '#source-location' },
  { include: '#hex' },
];

export const kernelLogGrammar: LanguageRegistration = {
  name: 'kernel-log',
  displayName: 'Kernel log',
  scopeName: 'source.kernel-log',
  aliases: ['dmesg', 'oops'],
  patterns: [
    { include: '#prefix' },
    { include: '#banner' },
    { include: '#headline' },
    { include: '#unreliable-frame' },
    { include: '#memory-row' },
    { include: '#code' },
    { include: '#register' },
    { include: '#section' },
    { include: '#modules' },
    { include: '#taint' },
    { include: '#lock' },
    { include: '#address' },
    { include: '#frame' },
    { include: '#bare-frame' },
    { include: '#source-location' },
    { include: '#version' },
    { include: '#hex' },
  ],
  repository: {
    // Dimmed: they repeat on every line and are rarely what the reader looks for.
    prefix: {
      patterns: [
        {
          match: String.raw`^\s*(<)([0-7])(>)`,
          name: 'meta.log-level.kernel-log',
          captures: {
            1: { name: 'punctuation.definition.log-level.kernel-log' },
            2: { name: 'constant.other.log-level.kernel-log' },
            3: { name: 'punctuation.definition.log-level.kernel-log' },
          },
        },
        { match: String.raw`\[\s*\d+\.\d+\]`, name: 'comment.other.timestamp.kernel-log' },
        { match: String.raw`\[\s*[TC]\d+\]`, name: 'comment.other.caller-id.kernel-log' },
      ],
    },
    banner: {
      patterns: [
        {
          match: String.raw`-{3,}\[ (?:cut here|end [^\]]*) \]-{3,}`,
          name: 'meta.separator.trace.kernel-log',
        },
        { match: String.raw`(?:={20,}|-{20,})\s*$`, name: 'meta.separator.banner.kernel-log' },
      ],
    },
    headline: {
      patterns: [
        { match: String.raw`\[ INFO: [^\]]+ \]|\*\*\* DEADLOCK \*\*\*`, name: 'invalid.illegal.headline.kernel-log' },
        {
          // BUG: also covers `BUG: KASAN: …`, `BUG: KMSAN: …` and `watchdog: BUG: soft lockup`.
          begin: String.raw`\b(?:(?:BUG|WARNING|INFO|UBSAN|KASAN|KMSAN|KCSAN): |BUG [\w-]+ \((?:Not t|T)ainted\)|(?:Internal error: )?Oops(?: - BUG)?: |general protection fault\b|Kernel panic - not syncing\b|kernel BUG at |Unable to handle kernel |invalid opcode: |divide error: |Unhandled fault: )`,
          end: '$',
          name: 'invalid.illegal.headline.kernel-log',
          patterns: headlineInside,
        },
      ],
    },
    // ` ? func+0x1/0x2`: a return address the unwinder found on the stack but could not prove is live.
    'unreliable-frame': {
      match: String.raw`(?<=\s)\?\s+(?::[\w-]+:)?${SYMBOL}\+0x[0-9a-f]+/0x[0-9a-f]+(?:\s+\[[\w-]+\])?`,
      name: 'comment.other.unreliable-frame.kernel-log',
    },
    // KASAN shadow rows (` ffff8880…: fa fb`, `>` marks the row of the access), ARM `Stack:` rows, and
    // the `^` under the bad byte. The bytes are one token so a 16-byte row stays readable in a dump.
    'memory-row': {
      patterns: [
        {
          match: String.raw`(?<![\w>])(>?)((?:[0-9a-f]{4}){1,4})(:)\s+([0-9a-f]{2,16}(?:\s+[0-9a-f]{2,16})*)\s*$`,
          name: 'meta.memory-row.kernel-log',
          captures: {
            1: { name: 'keyword.operator.marker.kernel-log' },
            2: { name: 'constant.numeric.address.kernel-log' },
            3: { name: 'punctuation.separator.kernel-log' },
            4: { name: 'constant.numeric.bytes.kernel-log' },
          },
        },
        { match: String.raw`(?<=\s)\^+(?=\s*$)`, name: 'keyword.operator.marker.kernel-log' },
      ],
    },
    // `Code: 0f 0b <0f> 0b` (x86) or `Code: e59d302c (e5823000)` (ARM): the bracketed bytes faulted.
    code: {
      begin: String.raw`\b(Code:)`,
      end: '$',
      beginCaptures: { 1: { name: 'keyword.other.section.kernel-log' } },
      patterns: [
        { match: String.raw`<[0-9a-f]{2,8}>|\([0-9a-f]{4,8}\)`, name: 'invalid.illegal.faulting-instruction.kernel-log' },
        // Word boundaries, for `Code: Bad RIP value.` and `Code: Unable to access opcode bytes at …`.
        { match: String.raw`\b[0-9a-f]{2,8}(?: [0-9a-f]{2,8})*\b`, name: 'constant.numeric.bytes.kernel-log' },
      ],
    },
    register: {
      patterns: [
        {
          // `RSP: 0018:ffff810064c5dc08`: the 4-digit segment selector comes before the value.
          match: String.raw`(?<![\w-])(${REGISTER})(\s?:)(?:\s*([0-9a-f]{4})(:)|\s*([0-9a-f]{4,16})(?![\w:]))?`,
          captures: {
            1: { name: 'variable.parameter.register.kernel-log' },
            2: { name: 'punctuation.separator.register.kernel-log' },
            3: { name: 'constant.numeric.segment.kernel-log' },
            4: { name: 'punctuation.separator.register.kernel-log' },
            5: { name: 'constant.numeric.hex.kernel-log' },
          },
        },
        {
          // ARM `PC is at …`, and the page-table walk `PGD 203067 PUD 204067 PMD 0`.
          match: String.raw`\b(PC|LR)(?= is at )|\b(PGD|P4D|PUD|PMD|PTE) ([0-9a-f]+)\b`,
          captures: {
            1: { name: 'variable.parameter.register.kernel-log' },
            2: { name: 'variable.parameter.register.kernel-log' },
            3: { name: 'constant.numeric.hex.kernel-log' },
          },
        },
      ],
    },
    section: {
      patterns: [
        {
          match: String.raw`\b(?:Call [Tt]race:|Backtrace:|Stack:|stack backtrace:|Exception stack|(?:Allocated|Freed) by task \d+:)`,
          name: 'keyword.other.section.kernel-log',
        },
        {
          match: String.raw`(<)(/?(?:IRQ|NMI|EOI|EOE|TASK|SOFTIRQ))(>)`,
          captures: {
            1: { name: 'punctuation.definition.tag.kernel-log' },
            2: { name: 'entity.name.tag.context.kernel-log' },
            3: { name: 'punctuation.definition.tag.kernel-log' },
          },
        },
      ],
    },
    // The module list is one token: a hundred module names are context, not something to scan.
    modules: {
      match: String.raw`\b(Modules linked in:)(.*)$`,
      captures: {
        1: { name: 'keyword.other.section.kernel-log' },
        2: { name: 'meta.module-list.kernel-log' },
      },
    },
    // `Tainted: G   M`, `Tainted: [W]=WARN, [O]=OOT_MODULE` (6.12+), or `Not tainted`.
    taint: {
      match: String.raw`\b(Tainted:)\s+((?:\[[A-Z]\]=\w+(?:, )?)+|[A-Z](?:\s{1,15}[A-Z](?![\w.]))*)|\b(Not tainted)\b`,
      captures: {
        1: { name: 'keyword.other.taint.kernel-log' },
        2: { name: 'constant.language.taint-flags.kernel-log' },
        3: { name: 'keyword.other.taint.kernel-log' },
      },
    },
    // lockdep: `(&sb->s_type->i_mutex_key#11){+.+.}`, `((wq_completion)events){+.+.}`, `lock(&lo->lock);`.
    lock: {
      patterns: [
        {
          match: String.raw`(\()((?:[^()\s]|\([^()\s]*\))+)(\))(\{[-+?.]+\})`,
          captures: {
            1: { name: 'punctuation.definition.lock.kernel-log' },
            2: { name: 'entity.name.type.lock.kernel-log' },
            3: { name: 'punctuation.definition.lock.kernel-log' },
            4: { name: 'constant.other.lock-usage.kernel-log' },
          },
        },
        {
          match: String.raw`\b(lock|unlock)(\()((?:[^()\s]|\([^()\s]*\))+)(\));`,
          captures: {
            1: { name: 'keyword.other.lock-operation.kernel-log' },
            3: { name: 'entity.name.type.lock.kernel-log' },
          },
        },
      ],
    },
    address,
    frame,
    // Frames without an offset: ARM's `[<c0014318>] (dump_stack) from …` and syzbot's inlined frames
    // `ext4_dio_read_iter fs/ext4/file.c:77 [inline]`.
    'bare-frame': {
      patterns: [
        {
          match: String.raw`(?<=\]\s)(\()(${SYMBOL})(\))`,
          captures: { 2: { name: 'entity.name.function.kernel-log' } },
        },
        {
          match: String.raw`(?<![\w.$])(${SYMBOL})(?= ${SOURCE_FILE}:\d+ \[inline\])`,
          name: 'entity.name.function.inline.kernel-log',
        },
        { match: String.raw`\[inline\]`, name: 'storage.modifier.inline.kernel-log' },
      ],
    },
    'source-location': sourceLocation,
    // `2.6.25-git2`, `4.17.0-rc2+`, `5.15.0-syzkaller`, `3.17.8-300.fc21.armv7hl`.
    version: {
      match: String.raw`(?<![\w.])[2-9]\.\d{1,2}(?:\.\d{1,3})?(?:-[0-9A-Za-z][\w.+~-]*|\+)?(?![\w.])`,
      name: 'constant.other.version.kernel-log',
    },
    hex,
  },
};
