/**
 * Synthetic newspaper pages for the benchmarks: the five real pages' sentences reshuffled into the
 * same OCR layout (short wrapped lines, headlines after bodies). Deterministic: the same seed gives
 * the same pages, so runs and branches compare like with like.
 */
import { ingestPages } from "../src/ingest/ingest.js";
import { splitSentences } from "../src/util/sentences.js";
import { loadSeedPages } from "../test/helpers/seeds.js";

export interface SyntheticPages {
  /** The next page; `n` numbers it (file name, dateline). */
  page(n: number): { source: string; text: string };
}

export function syntheticPages(seed = 42): SyntheticPages {
  const articlesReal = ingestPages(loadSeedPages()).articles;
  const sentences = articlesReal
    .flatMap((a) => splitSentences(a.text).map((s) => a.text.slice(s.start, s.end)))
    .filter((s) => !s.startsWith("本报讯") && s.length > 10);
  const titles = articlesReal.map((a) => a.title);
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const wrap = (text: string) => text.match(/.{1,18}/gu)!.join("\n");
  // Articles of 4–9 real sentences, shuffled, wrapped at 18 characters like page 000, each with a
  // dateline and its headline printed after the body.
  return {
    page(n) {
      const blocks: string[] = [];
      for (let a = 0; a < 5; a++) {
        const body = Array.from({ length: 4 + Math.floor(random() * 6) }, () => pick(sentences));
        blocks.push(wrap(`本报讯（记者 樊娅楠）3月${1 + (n % 28)}日，${body.join("")}`));
        blocks.push(pick(titles));
      }
      return { source: `${String(n).padStart(5, "0")}_synthetic.txt`, text: blocks.join("\n\n") };
    },
  };
}
