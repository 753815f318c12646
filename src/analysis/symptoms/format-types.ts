// The shape of the report-format tables (formats-*.ts). A report *family* is recognised by a header that
// appears in one console line ("BUG:", "WARNING:", "general protection fault"); its formats then say, for
// each variant, what the title looks like and where the guilty function is found.
import type { SymptomKind } from '../types.ts';
import type { FramePicker } from './frame-pickers.ts';

/** Marks the place in a walk where a whole stack trace is read, frame after frame. */
export const STACK = 'stack';
export type WalkStep = RegExp | typeof STACK;

export interface FrameWalk {
  /**
   * Consecutive steps from the title line on: a RegExp step advances to the next line it matches (and
   * contributes its captured function, if any); a STACK step reads frames until the next stack header.
   * Each STACK after the first starts a new frame group, so one walk can name two functions (KMSAN's
   * use and origin).
   */
  steps: WalkStep[];
  /** Tried when `steps` yield no frame. */
  fallback?: WalkStep[];
  /** Extra skip patterns for this format (on top of the generic ones). */
  skip?: string[];
  /** How the frame is chosen among the non-skipped ones; default: the first. */
  pick?: FramePicker;
}

export interface ReportFormat {
  /** Searched in the report text (multi-line); the earliest-matching format wins. */
  title: RegExp;
  /** Must also match for this format to apply; its captures replace the title's. */
  detail?: RegExp;
  /**
   * The title template: `{1}`…`{n}` are the captures of `detail` (or `title`), followed by one function
   * per frame group of `frames`; `{3|2}` takes the first of them that is found.
   */
  template: string;
  frames?: FrameWalk;
  /** Which capture (1-based) names the guilty function when no frame walk does (`panic("%pS: …")`). */
  names?: number;
  /** The format is known to describe a damaged report (e.g. a header cut in two). */
  corrupted?: boolean;
}

export interface ReportFamily {
  /** A substring (or pattern) that makes a line the start of a report of this family. */
  header: string | RegExp;
  /** The kind of report when its title does not tell (a Rust panic is titled by its message). */
  kind?: SymptomKind;
  formats: ReportFormat[];
  /** Lines that contain the header but are not reports ("WARNING: /etc/ssh/moduli does not exist"). */
  ignore?: RegExp[];
  /**
   * A one-line lead-in printed just before the real header (`refcount_t: underflow`, `list_del
   * corruption`): when a real header follows within a few lines, the report is titled from that header.
   */
  leadIn?: boolean;
}
