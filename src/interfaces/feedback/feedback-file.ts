import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { feedbackRecordSchema, type FeedbackRecord } from "./feedback-record.js";

/** Appends feedback to `FEEDBACK_FILE`, one JSON line per press. */
export interface FeedbackLog {
  append(record: FeedbackRecord): Promise<void>;
}

/**
 * The log behind `FEEDBACK_FILE`. Lines are written one at a time, in order (each a single
 * `appendFile`, so two presses never interleave within a line); the folder is created on the
 * first press.
 */
export function createFeedbackLog(path: string): FeedbackLog {
  let queue: Promise<void> = Promise.resolve();
  let folderMade = false;
  return {
    append(record) {
      const line = `${JSON.stringify(feedbackRecordSchema.parse(record))}\n`;
      const write = queue.then(async () => {
        if (!folderMade) await mkdir(dirname(path), { recursive: true });
        folderMade = true;
        await appendFile(path, line, "utf8");
      });
      // A failed write must not block the ones after it; the caller still sees its own failure.
      queue = write.catch(() => undefined);
      return write;
    },
  };
}

export interface FeedbackFileContents {
  records: FeedbackRecord[];
  /** 1-based numbers of lines that are not a feedback record (a write cut short, an edit by hand). */
  badLines: number[];
}

/** Every record of a feedback file; a missing file has none. */
export async function readFeedbackFile(path: string): Promise<FeedbackFileContents> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { records: [], badLines: [] };
    throw error;
  }
  const records: FeedbackRecord[] = [];
  const badLines: number[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    try {
      records.push(feedbackRecordSchema.parse(JSON.parse(line)));
    } catch {
      badLines.push(i + 1);
    }
  }
  return { records, badLines };
}
