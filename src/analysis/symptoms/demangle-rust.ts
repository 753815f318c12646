// Rust frames in kernel stacks are printed mangled (`_RNvMs3_NtCs…_11rust_binder7processNtB5_7Process10update_ref`);
// titles and skip rules need the readable path (`<rust_binder::process::Process>::update_ref`). This reads
// the "v0" mangling (RFC 2603) that kernel Rust uses, without generic arguments (as syzbot's titles show
// them). Anything it cannot read is returned unchanged: a mangled name is still a name.

const BASIC_TYPES: Record<string, string> = {
  a: 'i8',
  b: 'bool',
  c: 'char',
  d: 'f64',
  e: 'str',
  f: 'f32',
  h: 'u8',
  i: 'isize',
  j: 'usize',
  l: 'i32',
  m: 'u32',
  n: 'i128',
  o: 'u128',
  s: 'i16',
  t: 'u16',
  u: '()',
  v: '...',
  x: 'i64',
  y: 'u64',
  z: '!',
  p: '_',
};

// Mangled names nest; a corrupted or hostile one must not recurse without bound.
const MAX_DEPTH = 64;

class Unreadable extends Error {}

class Parser {
  private readonly s: string;
  private at = 0;
  private depth = 0;

  constructor(s: string) {
    this.s = s;
  }

  get done(): boolean {
    return this.at >= this.s.length;
  }

  private peek(): string {
    return this.s[this.at] ?? '';
  }

  private next(): string {
    if (this.at >= this.s.length) throw new Unreadable();
    return this.s[this.at++];
  }

  private eat(c: string): boolean {
    if (this.peek() !== c) return false;
    this.at++;
    return true;
  }

  /** `_` is 0; otherwise base-62 digits then `_`, plus one. */
  private base62(): number {
    if (this.eat('_')) return 0;
    let n = 0;
    for (;;) {
      const c = this.next();
      if (c === '_') return n + 1;
      const d = /[0-9]/.test(c) ? c.charCodeAt(0) - 48 : /[a-z]/.test(c) ? c.charCodeAt(0) - 87 : /[A-Z]/.test(c) ? c.charCodeAt(0) - 29 : -1;
      if (d < 0) throw new Unreadable();
      n = n * 62 + d;
    }
  }

  private decimal(): number {
    const m = /^\d+/.exec(this.s.slice(this.at));
    if (!m) throw new Unreadable();
    this.at += m[0].length;
    return Number(m[0]);
  }

  private disambiguator(): void {
    if (this.eat('s')) this.base62();
  }

  private identifier(): string {
    this.disambiguator();
    if (this.eat('u')) throw new Unreadable(); // punycode: not in kernel symbols
    const length = this.decimal();
    this.eat('_');
    const name = this.s.slice(this.at, this.at + length);
    if (name.length !== length) throw new Unreadable();
    this.at += length;
    return name;
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new Unreadable();
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  /** Reads at a back-reference's target, then comes back. */
  private backref<T>(read: () => T): T {
    const target = this.base62();
    if (target >= this.at) throw new Unreadable();
    const back = this.at;
    this.at = target;
    try {
      return this.nested(read);
    } finally {
      this.at = back;
    }
  }

  path(): string {
    return this.nested(() => {
      const tag = this.next();
      switch (tag) {
        case 'C':
          return this.identifier();
        case 'M': {
          this.disambiguator();
          this.path();
          return `<${this.type()}>`;
        }
        case 'X': {
          this.disambiguator();
          this.path();
          const self = this.type();
          return `<${self} as ${this.path()}>`;
        }
        case 'Y': {
          const self = this.type();
          return `<${self} as ${this.path()}>`;
        }
        case 'N': {
          const ns = this.next();
          const parent = this.path();
          const name = this.identifier();
          if (ns === 'C') return `${parent}::{closure${name ? `:${name}` : ''}}`;
          if (/[A-Z]/.test(ns)) return `${parent}::{${ns}${name ? `:${name}` : ''}}`;
          return `${parent}::${name}`;
        }
        case 'I': {
          const base = this.path();
          while (!this.eat('E')) this.genericArg();
          return base;
        }
        case 'B':
          return this.backref(() => this.path());
        default:
          throw new Unreadable();
      }
    });
  }

  private genericArg(): void {
    if (this.eat('L')) this.base62();
    else if (this.eat('K')) this.constant();
    else this.type();
  }

  private constant(): void {
    if (this.eat('B')) {
      this.base62();
      return;
    }
    if (this.eat('p')) return;
    this.type();
    this.eat('n');
    while (/[0-9a-f]/.test(this.peek())) this.at++;
    if (!this.eat('_')) throw new Unreadable();
  }

  type(): string {
    return this.nested(() => {
      const c = this.peek();
      if (BASIC_TYPES[c]) {
        this.at++;
        return BASIC_TYPES[c];
      }
      this.at++;
      switch (c) {
        case 'R':
        case 'Q': {
          if (this.eat('L')) this.base62();
          return `&${c === 'Q' ? 'mut ' : ''}${this.type()}`;
        }
        case 'P':
        case 'O':
          return `*${c === 'O' ? 'mut' : 'const'} ${this.type()}`;
        case 'S':
          return `[${this.type()}]`;
        case 'A': {
          const item = this.type();
          this.constant();
          return `[${item}; _]`;
        }
        case 'T': {
          const items: string[] = [];
          while (!this.eat('E')) items.push(this.type());
          return `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
        }
        case 'B':
          return this.backref(() => this.type());
        default:
          this.at--;
          return this.path();
      }
    });
  }
}

/** `_RNvNtCs…_4core9panicking9panic_fmt` → `core::panicking::panic_fmt`; other names unchanged. */
export function demangleRust(name: string): string {
  if (!name.startsWith('_R')) return name;
  let rest = name.slice(2);
  // An optional encoding version (decimal) may follow `_R`.
  rest = rest.replace(/^\d+/, '');
  try {
    return new Parser(rest).path();
  } catch (e) {
    if (e instanceof Unreadable) return name;
    throw e;
  }
}
