// Progress on stderr for sources over a few MB: a live percentage on a terminal, a few lines otherwise, up to
// 100 % once the source is read, then the analysis of its messages.

/** Sources smaller than this finish too fast for progress to help. */
const MIN_BYTES = 4 * 1024 * 1024;

export interface Progress {
  update: (done: number, total: number) => void;
  /** Reading is over and the analysis of `messages` messages begins. */
  analysing: (messages: number) => void;
  done: () => void;
}

export function createProgress(stderr: NodeJS.WritableStream & { isTTY?: boolean }, label: string): Progress {
  let lastShown = -1;
  let shown = false;
  let size = 0;
  const show = (pct: number) => {
    if (stderr.isTTY) stderr.write(`\rcasebook: reading ${label} ${pct}% of ${(size / 1e6).toFixed(1)} MB`);
    else stderr.write(`casebook: reading ${label} ${pct}% of ${(size / 1e6).toFixed(1)} MB\n`);
    lastShown = pct;
    shown = true;
  };
  return {
    update(done, total) {
      if (total < MIN_BYTES) return;
      size = total;
      const pct = Math.min(100, Math.floor((done / total) * 100));
      if (pct === lastShown || (!stderr.isTTY && Math.floor(pct / 25) === Math.floor(lastShown / 25))) return;
      show(pct);
    },
    analysing(messages) {
      if (!shown) return;
      if (lastShown < 100) show(100);
      stderr.write(`${stderr.isTTY ? '\n' : ''}casebook: analysing ${label}: ${messages} message(s)\n`);
      shown = false;
    },
    done() {
      if (shown && lastShown < 100) show(100);
      if (shown && stderr.isTTY) stderr.write('\n');
    },
  };
}
