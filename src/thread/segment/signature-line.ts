// The `-- ` signature delimiter, shared by the signature detector and by the diff reader (a hunk must never
// swallow the signature that follows a patch).
import { type Body, head } from './body.ts';

/** What may follow `-- ` for the rest of the body to be a signature (RFC 3676 asks for 4; people write more). */
export const SIGNATURE_MAX_LINES = 12;
/** A bare `--` (the space stripped by a client or an archive) is weaker evidence, so the tail must be shorter. */
export const BARE_DASH_MAX_LINES = 10;

/** 'space' for `-- `, 'bare' for `--`, null otherwise. */
export function sigDashKind(line: string): 'space' | 'bare' | null {
  if (/^-- [ \t]*$/.test(line)) return 'space';
  if (/^--[ \t]*$/.test(line)) return 'bare';
  return null;
}

/** Line i is a signature delimiter and the body after it is short enough to be a signature. */
export function isShortTailDash(b: Body, i: number): boolean {
  if (b.last - i > SIGNATURE_MAX_LINES) return false;
  const kind = sigDashKind(head(b, i));
  if (kind === null) return false;
  return b.last - i <= (kind === 'space' ? SIGNATURE_MAX_LINES : BARE_DASH_MAX_LINES);
}
