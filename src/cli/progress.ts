/**
 * Progress of a long step: a bar redrawn in place on a terminal, a few plain lines otherwise
 * (logs and CI output should not fill with carriage returns).
 */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

/** A terminal (or a test's stand-in): whether it redraws in place, and where the text goes. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function createProgress(label: string, stream: ProgressStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let lastQuarter = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (total === 0) return;
      if (tty) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(
          `\r${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total}`,
        );
        drawn = true;
        return;
      }
      const quarter = Math.floor((done / total) * 4);
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${label}: ${done}/${total}\n`);
      }
    },
    finish() {
      if (tty && drawn) stream.write("\n");
    },
  };
}
