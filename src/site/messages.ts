// Names of messages as editors write them (the stable id, an index, a Message-ID) resolved to anchor ids.
import type { StoredThread } from './load.ts';

export function messageResolver(thread: StoredThread): (ref: string) => string | null {
  const byId = new Map(thread.messages.map((m) => [m.id, m.id]));
  const byMessageId = new Map(thread.messages.filter((m) => m.messageId).map((m) => [m.messageId!, m.id]));
  return (ref: string) => {
    const r = ref.trim();
    if (byId.has(r)) return r;
    if (/^\d+$/.test(r)) return thread.messages[Number(r)]?.id ?? null;
    return byMessageId.get(r.replace(/^<|>$/g, '')) ?? null;
  };
}
