// content/threads/<slug>.json as `check` needs it: the messages a case may cite and the patches and
// symptoms its notes may point at. Read defensively: the file is machine-owned but may be stale or damaged.
import { readFile } from 'node:fs/promises';

export interface ThreadSegment {
  kind: string;
  text: string;
}

export interface ThreadMessage {
  index: number;
  id: string;
  messageId: string | null;
  ghost?: boolean;
  segments: ThreadSegment[];
}

export interface ThreadPatch {
  id: string;
  messageIndex: number;
  files: string[];
  /** The archive cut the diff: files named by a diffstat may have no hunk in the thread. */
  truncated?: boolean;
}

export interface ThreadSymptom {
  title: string;
  function: string | null;
  messageIndex: number;
}

export interface ThreadFile {
  /** The JSON's path as the messages print it. */
  path: string;
  messages: ThreadMessage[];
  patches: ThreadPatch[];
  symptoms: ThreadSymptom[];
}

export type LoadedThread = { ok: true; thread: ThreadFile } | { ok: false; missing: boolean; reason: string };

export async function loadThread(file: string, shownAs: string): Promise<LoadedThread> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, reason: missing ? 'no such file' : (err as Error).message };
  }
  let json: { messages?: unknown; analysis?: { patches?: unknown; symptoms?: unknown } };
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, missing: false, reason: `not JSON (${(err as Error).message})` };
  }
  if (!json || !Array.isArray(json.messages)) return { ok: false, missing: false, reason: 'it holds no `messages` array' };
  return {
    ok: true,
    thread: {
      path: shownAs,
      messages: json.messages as ThreadMessage[],
      // A thread written before the analysis existed has none: notes on patches and traces then find nothing.
      patches: Array.isArray(json.analysis?.patches) ? (json.analysis.patches as ThreadPatch[]) : [],
      symptoms: Array.isArray(json.analysis?.symptoms) ? (json.analysis.symptoms as ThreadSymptom[]) : [],
    },
  };
}

/** A message named the three ways a case may name it: stable id, index, or Message-ID (with or without `<>`). */
export function resolveMessage(thread: ThreadFile, ref: string): ThreadMessage | null {
  const r = ref.trim();
  if (r.includes('@')) {
    const mid = r.replace(/^<|>$/g, '');
    return thread.messages.find((m) => m.messageId === mid) ?? null;
  }
  // The id first: twelve digits could be either, and an id may carry a `-2` that tells twins apart.
  const byId = thread.messages.find((m) => m.id === r);
  if (byId) return byId;
  // An index is written plainly; `000000000000` is a mistyped id, not message 0.
  if (/^(?:0|[1-9]\d{0,10})$/.test(r)) return thread.messages.find((m) => m.index === Number(r)) ?? null;
  return null;
}

export const normalizeSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

/** All of a message's text, whitespace-normalised, for matching citations. */
export function messageText(m: ThreadMessage): string {
  return normalizeSpace((m.segments ?? []).map((s) => s.text).join('\n'));
}
