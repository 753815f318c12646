// Which scored threads need each phrase rule: every pattern of src/analysis/signals/phrases.ts is switched off in
// turn and eval:analysis run again; the threads whose reading agreement changes are listed. A rule that only one
// known thread needs was shaped on that thread and is a defect (CONTRIBUTING, "teach the analysis a new
// signal"); a rule no thread needs is general vocabulary kept for its samples. A measurement: prints, exits 0.
//
//   npm run -s ablate:rules [-- --only NAME]
import * as phrases from '../src/analysis/signals/phrases.ts';
import { evaluateAnalysis, type ThreadScore } from './eval-analysis.ts';

const NEVER = /(?!)/;

function fingerprint(r: ThreadScore): string {
  return [r.symptom, r.fix, r.status, r.culprit, r.keyEvents ? `${r.keyEvents.found}/${r.keyEvents.kindRight}` : '-'].join(' ');
}

async function scores(): Promise<Map<string, string>> {
  const result = await evaluateAnalysis();
  return new Map(result.rows.map((r) => [r.name, fingerprint(r)]));
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const base = await scores();
for (const [name, value] of Object.entries(phrases)) {
  const targets: { label: string; off: () => void; on: () => void }[] = [];
  if (value instanceof RegExp) {
    const { source, flags } = value;
    // `compile` changes the pattern object in place: every module holding it sees the switch.
    targets.push({
      label: name,
      off: () => (value as RegExp & { compile(s: string, f?: string): void }).compile(NEVER.source),
      on: () => (value as RegExp & { compile(s: string, f?: string): void }).compile(source, flags),
    });
  } else if (Array.isArray(value)) {
    value.forEach((re, i) => {
      if (!(re instanceof RegExp)) return;
      // The joined pattern is cached per list by its length: one more element forces a fresh join.
      // After restoring, one call re-joins the restored list, so the next switch-off changes the length again.
      targets.push({
        label: `${name}[${i}]`,
        off: () => {
          value[i] = NEVER;
          value.push(NEVER);
        },
        on: () => {
          value.pop();
          value[i] = re;
          phrases.matchesAny(value as RegExp[], '');
        },
      });
    });
  }
  for (const t of targets) {
    if (only && !t.label.startsWith(only)) continue;
    t.off();
    const now = await scores();
    t.on();
    const changed = [...base].filter(([k, v]) => now.get(k) !== v).map(([k]) => k);
    console.log(
      `${t.label.padEnd(22)} ${String(changed.length).padStart(2)} ${changed.length === 1 ? 'ONE THREAD NEEDS IT ' : ''}${changed.join(', ').slice(0, 200)}`,
    );
  }
}
