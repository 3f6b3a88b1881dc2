/**
 * Progress of a long step: a bar redrawn in place on a terminal, a few plain lines otherwise
 * (logs and CI output should not fill with carriage returns).
 */
export interface Progress {
  /**
   * `label` names the step when it is not the one the progress was created for (a large ingest
   * before the embedding): a new label starts a new bar.
   */
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

/** A terminal (or a test's stand-in): whether it redraws in place, and where the text goes. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** How a step's counts read: an ingest counts characters, not pages (one page can be 5 MB). */
const UNITS: Record<string, string> = { ingesting: " characters" };

export function createProgress(label: string, stream: ProgressStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let current = label;
  let lastQuarter = -1;
  let drawn = false;
  return {
    update(done, total, step = label) {
      if (step !== current) {
        if (tty && drawn) stream.write("\n");
        current = step;
        lastQuarter = -1;
        drawn = false;
      }
      if (total === 0) return;
      const unit = UNITS[current] ?? "";
      if (tty) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(
          `\r${current} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total}${unit}`,
        );
        drawn = true;
        return;
      }
      const quarter = Math.floor((done / total) * 4);
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${current}: ${done}/${total}${unit}\n`);
      }
    },
    finish() {
      if (tty && drawn) stream.write("\n");
    },
  };
}
