import { readFile } from "node:fs/promises";
import type * as z from "zod";
import { CorruptIndexError } from "./errors/corrupt-index-error.js";

/**
 * What reading needs of a zod schema. Narrow on purpose: inferring `T` from a whole zod schema type
 * (`S extends z.ZodType`) makes the compiler compare the schema classes member by member, which
 * doubled the type-check time of `npm test`; matching `safeParse` alone costs next to nothing.
 */
export interface StoredFileSchema<T> {
  safeParse(data: unknown): z.ZodSafeParseResult<T>;
}

/**
 * Reads one JSON file of an index build and checks it against the schema of that file. The three
 * ways a stored file goes bad — missing, not JSON (a truncated write), valid JSON of another shape
 * (another version, a hand edit) — each become a {@link CorruptIndexError} naming the file and
 * saying to rebuild, so no caller casts, and no damaged file reaches the code that answers from it.
 */
export async function readStoredJson<T>(file: string, schema: StoredFileSchema<T>): Promise<T> {
  const text = (await readStoredBytes(file)).toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CorruptIndexError(file, "is not valid JSON", { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CorruptIndexError(
      file,
      `does not have the expected shape (${describeIssues(parsed.error)})`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * The first problem zod found, located (`chunks[3].text: Invalid input: …`), and how many more: one
 * line.
 */
export function describeIssues(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (first === undefined) return "invalid";
  const path = first.path.reduce<string>(
    (at, key) =>
      typeof key === "number" ? `${at}[${key}]` : at === "" ? String(key) : `${at}.${String(key)}`,
    "",
  );
  const more =
    rest.length > 0 ? `; ${rest.length} more problem${rest.length === 1 ? "" : "s"}` : "";
  return `${path === "" ? "" : `${path}: `}${first.message}${more}`;
}

/** A file of a build as bytes; missing or unreadable is a {@link CorruptIndexError}. */
export async function readStoredBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new CorruptIndexError(
      file,
      code === "ENOENT" ? "is missing" : `cannot be read (${code ?? String(cause)})`,
      { cause },
    );
  }
}
