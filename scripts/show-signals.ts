// Prints every signal the analysis finds in a thread — statements, syzbot results, bot notices, named fixes,
// verdicts, off-topic messages — with the patches, for working on the rules.
//
//   npm run -s show-signals -- FILE
import { readSource } from '../src/ingest/index.ts';
import { buildThread } from '../src/thread/index.ts';
import { findPatches, findPatchQuotes } from '../src/analysis/find-patches.ts';
import { readThread } from '../src/analysis/read/read-message.ts';
import { markOffTopic } from '../src/analysis/signals/off-topic.ts';
import { collectStatements } from '../src/analysis/signals/statements.ts';
import { syzbotTestSignals } from '../src/analysis/signals/syzbot-tests.ts';
import { botNoticeSignals } from '../src/analysis/signals/bot-notices.ts';
import { namedFixes } from '../src/analysis/signals/named-fix.ts';
import { findVerdicts } from '../src/analysis/signals/verdicts.ts';
import { codeIdentifiers } from '../src/analysis/signals/link-to-patch.ts';

const file = process.argv[2];
const read = await readSource(file);
const thread = buildThread(read, { path: read.path, format: read.format, sha256: read.sha256 });
const readings = readThread(thread);
const patches = findPatches(thread);
for (const p of patches) readings[p.messageIndex].posts.push(p.id);
for (const q of findPatchQuotes(thread, patches)) readings[q.messageIndex].quotesPatches.push(q.patchId);
console.log('off-topic:', markOffTopic(readings));
for (const p of patches)
  console.log(
    `${p.id} #${p.messageIndex} v${p.version} ${p.author}: ${p.subject} [${p.files.join(' ')}] ident=${p.identity} quotedFrom=${p.quotedFrom} prev=${p.previousVersion} src=${p.subjectSource}`,
  );
const refs = patches.map((p) => ({ id: p.id, messageIndex: p.messageIndex, author: p.author, identifiers: codeIdentifiers(p.diffText), subject: p.subject }));
const ctx = { thread, readings, patches: refs };
for (const e of [...collectStatements(ctx), ...syzbotTestSignals(ctx), ...botNoticeSignals(ctx)].sort((a, b) => a.messageIndex - b.messageIndex))
  console.log(`#${e.messageIndex} ${e.kind} → ${e.patchId} (${e.actor}): ${e.quote.slice(0, 150)}`);
for (const n of namedFixes(ctx)) console.log(`named #${n.messageIndex} ${n.signal} ${n.commit} "${n.subject}" ${n.link ?? ''}: ${n.quote.slice(0, 150)}`);
for (const v of findVerdicts(ctx)) console.log(`verdict #${v.messageIndex} ${v.kind} ${v.signal}: ${v.quote.slice(0, 150)}`);
for (const r of readings)
  if (r.commands.length || r.syzResult || r.bot) console.log(`#${r.index} bot=${r.bot} cmds=${JSON.stringify(r.commands)} syz=${JSON.stringify(r.syzResult)}`);
const { analyzeThread } = await import('../src/analysis/index.ts');
const a = analyzeThread(thread);
console.log('status', a.status, JSON.stringify(a.decisions?.status));
console.log('fix', JSON.stringify(a.fix), JSON.stringify(a.decisions?.fix));
console.log('roles', a.patches.map((p) => `${p.id}:${p.role}`).join(' '));
console.log('culprit', JSON.stringify(a.culprit), JSON.stringify(a.decisions?.culprit));
