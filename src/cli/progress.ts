// Progress on stderr for sources over a few MB: a live percentage on a terminal, a few lines otherwise.

/** Sources smaller than this finish too fast for progress to help. */
const MIN_BYTES = 4 * 1024 * 1024;

export interface Progress {
  update: (done: number, total: number) => void;
  done: () => void;
}

export function createProgress(stderr: NodeJS.WritableStream & { isTTY?: boolean }, label: string): Progress {
  let lastShown = -1;
  let shown = false;
  return {
    update(done, total) {
      if (total < MIN_BYTES) return;
      const pct = Math.floor((done / total) * 100);
      if (stderr.isTTY) {
        if (pct === lastShown) return;
        stderr.write(`\rcasebook: reading ${label} ${pct}% of ${(total / 1e6).toFixed(1)} MB`);
      } else {
        if (Math.floor(pct / 25) === Math.floor(lastShown / 25)) return;
        stderr.write(`casebook: reading ${label} ${pct}% of ${(total / 1e6).toFixed(1)} MB\n`);
      }
      lastShown = pct;
      shown = true;
    },
    done() {
      if (shown && stderr.isTTY) stderr.write('\n');
    },
  };
}
