// Every file under a folder, depth first, in name order (a stable order across machines): for tests that run
// over the whole corpus or the seeds.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* filesUnder(p);
    else yield p;
  }
}
