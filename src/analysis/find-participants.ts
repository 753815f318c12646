// Who took part in the thread and how often they wrote. Roles are filled in by the other extractors.
import type { Thread } from '../thread/types.ts';
import type { Participant } from './types.ts';

/** People are matched by address when the source gives one, else by name (archive scrapes have no addresses). */
function personKey(name: string | null, email: string | null): string {
  if (email && !email.endsWith('...')) return `e:${email.toLowerCase()}`;
  return `n:${(name ?? '').toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

export function findParticipants(thread: Thread): Participant[] {
  const byKey = new Map<string, Participant>();
  const byName = new Map<string, Participant>();
  for (const m of thread.messages) {
    if (m.ghost || !m.author) continue;
    const { name, email } = m.author;
    if (!name && !email) continue;
    const nameKey = `n:${(name ?? '').toLowerCase().replace(/\s+/g, ' ').trim()}`;
    let p = byKey.get(personKey(name, email)) ?? (name ? byName.get(nameKey) : undefined);
    if (!p) {
      p = { name: name ?? email ?? 'unknown', email: email && !m.author.partial ? email : null, messages: 0, roles: [] };
      byKey.set(personKey(name, email), p);
    }
    if (name) byName.set(nameKey, p);
    if (!p.email && email && !m.author.partial) p.email = email;
    p.messages++;
  }
  return [...new Set(byKey.values())].sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name, 'en'));
}
