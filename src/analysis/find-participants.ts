// Who took part in the thread, how often they wrote, and in which roles. One person is one address: two
// spellings of a name with one address are merged (archive scrapes without addresses match by name).
import type { Thread } from '../thread/types.ts';
import type { Participant, ParticipantRole } from './types.ts';

function nameKey(name: string | null | undefined): string {
  return `n:${(name ?? '').toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

function personKey(name: string | null, email: string | null, partial: boolean | undefined): string {
  if (email && !partial) return `e:${email.toLowerCase()}`;
  return nameKey(name);
}

/** `hints`: names or addresses per role, from trailers, evidence and the other extractors. */
export function findParticipants(thread: Thread, hints: Partial<Record<ParticipantRole, (string | null | undefined)[]>> = {}): Participant[] {
  const byKey = new Map<string, Participant & { spellings: Map<string, number> }>();
  const byName = new Map<string, Participant & { spellings: Map<string, number> }>();
  for (const m of thread.messages) {
    if (m.ghost || !m.author) continue;
    const { name, email, partial } = m.author;
    if (!name && !email) continue;
    const key = personKey(name, email, partial);
    let p = byKey.get(key) ?? (name ? byName.get(nameKey(name)) : undefined);
    if (!p) {
      p = { name: name ?? email ?? 'unknown', email: email && !partial ? email : null, messages: 0, roles: [], spellings: new Map() };
      byKey.set(key, p);
    }
    if (name) {
      byName.set(nameKey(name), p);
      p.spellings.set(name, (p.spellings.get(name) ?? 0) + 1);
    }
    if (!p.email && email && !partial) p.email = email;
    p.messages++;
  }
  const people = [...new Set(byKey.values())];
  for (const p of people) {
    // The spelling used most often names the person.
    const best = [...p.spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en'))[0];
    if (best) p.name = best[0];
  }
  const find = (who: string) => {
    const w = who.toLowerCase().trim();
    return people.find((p) => p.email?.toLowerCase() === w || [...p.spellings.keys()].some((s) => s.toLowerCase() === w) || p.name.toLowerCase() === w);
  };
  const order: ParticipantRole[] = ['reporter', 'bisector', 'fixer', 'reviewer', 'tester', 'maintainer'];
  for (const role of order) {
    for (const who of hints[role] ?? []) {
      if (!who) continue;
      const p = find(who);
      if (p && !p.roles.includes(role)) p.roles.push(role);
    }
  }
  for (const p of people) p.roles.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return people.map(({ spellings: _s, ...p }) => p).sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name, 'en'));
}
