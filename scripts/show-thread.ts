// Prints a thread as the analysis reads it: each message's index, author, subject, parent, and its own text
// (quotes folded to one line each), then the analysis's facts. For reading a thread while working on the rules.
//
//   npm run -s show-thread -- FILE [--full] [--analysis]
import { inspectSource } from '../src/casebook.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: show-thread FILE [--full] [--analysis]');
  process.exit(2);
}
const t = await inspectSource(file);
const full = args.includes('--full');
for (const m of t.messages) {
  console.log(`\n=== #${m.index} ${m.author?.name ?? '?'} <${m.author?.email ?? ''}> ${m.date ?? m.dateRaw} parent=${m.parentIndex} ${m.ghost ? 'GHOST' : ''}`);
  console.log(`    subject: ${m.subject}  id: ${m.messageId}`);
  for (const s of m.segments) {
    if (s.kind === 'quote') {
      console.log(`    [quote ${s.text.split('\n').length} lines: ${s.text.split('\n')[0].slice(0, 80)}]`);
      continue;
    }
    const lines = s.text.split('\n');
    const limit = full || s.kind === 'text' ? lines.length : 6;
    console.log(`    <${s.kind}${s.attachment ? ` ${s.attachment}` : ''}>`);
    for (const l of lines.slice(0, limit)) console.log(`      ${l}`);
    if (lines.length > limit) console.log(`      … ${lines.length - limit} more lines`);
  }
}
if (args.includes('--analysis')) {
  const a = t.analysis;
  console.log('\n=== analysis');
  console.log(
    JSON.stringify(
      {
        status: a.status,
        symptom: a.symptoms[0],
        fix: a.fix,
        culprit: a.culprit,
        decisions: a.decisions,
        patches: a.patches.map((p) => `${p.id} #${p.messageIndex} ${p.role} ${p.author}: ${p.subject} [${p.files.join(' ')}]`),
        timeline: a.timeline.map((e) => `#${e.messageIndex} ${e.kind} ${e.actor}: ${e.summary}`),
      },
      null,
      1,
    ),
  );
}
