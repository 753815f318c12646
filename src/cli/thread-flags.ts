// The flags that choose threads from a source, the same for `inspect`, `import` and `new`.
import type { ParsedArgs } from './args.ts';

export const THREAD_FLAGS = {
  thread: { value: true, placeholder: 'ID', description: 'take only the thread holding this Message-ID (`<…>`, `id:…` or bare)' },
  'bugs-only': { value: false, description: 'take only the threads that carry a crash report, a regression or bug report, or a bug-fix patch' },
  'one-thread': { value: false, description: 'read each source as one thread, whatever its reply headers say (a hunt collected from several threads)' },
} as const;

export interface ThreadChoice {
  thread?: string;
  bugsOnly: boolean;
  oneThread: boolean;
}

export function pickOptions(args: ParsedArgs): ThreadChoice {
  const thread = args.flags.get('thread');
  return { thread: typeof thread === 'string' ? thread : undefined, bugsOnly: args.flags.has('bugs-only'), oneThread: args.flags.has('one-thread') };
}
