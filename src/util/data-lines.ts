/**
 * The lines of a data file (`data/*.txt`) that hold data: trimmed, blank lines and `#` comment
 * lines dropped. One reading for every word list the question understanding loads.
 */
export function dataLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}
