/**
 * jieba's native segmenter (`@node-rs/jieba`) with the project's user words, loaded as the
 * tokenizer loaded it before it had its own segmenter (`src/index/segmenter/`): the reference
 * that segmenter is held to, and what jieba's native keyword extractor needs.
 */
import { readFileSync } from "node:fs";
import { Jieba } from "@node-rs/jieba";
import { USER_WORDS, USER_WORD_FREQUENCY } from "../../src/index/chinese-tokenizer.js";
import { JIEBA_DICT_FILE } from "../../src/index/segmenter/jieba-dictionary.js";

let shared: Jieba | undefined;

export function nativeJieba(): Jieba {
  if (shared === undefined) {
    shared = Jieba.withDict(readFileSync(JIEBA_DICT_FILE));
    shared.loadDict(
      Buffer.from(USER_WORDS.map((word) => `${word} ${USER_WORD_FREQUENCY} n`).join("\n")),
    );
  }
  return shared;
}
