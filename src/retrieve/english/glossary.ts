/**
 * The paper's own vocabulary, read before CC-CEDICT: the words a question should reach that the
 * dictionary lacks, hides behind a cross-reference, or ranks below a word the pages never use.
 */
import type { Pool } from "./reverse-index.js";
import { normalizeWords } from "./word-forms.js";

/**
 * A hand-written glossary of this paper's vocabulary, checked before CC-CEDICT. Each entry is here
 * because CC-CEDICT lacks the term, only cross-references it, or ranks a word the pages never use
 * above the one they do. Keys are normalised like questions: lower case, possessive `'s` dropped,
 * hyphens as spaces. Values are in order of preference.
 */
const GLOSSARY: ReadonlyArray<readonly [english: readonly string[], chinese: readonly string[]]> = [
  // Place names: CC-CEDICT's 西宁 and 青海 only say "see 西寧市|西宁市" / "see 青海省"; the English
  // names reach only 西宁市 and 青海省 (rarer on the pages than 西宁开发区, 青海篇章…).
  [["xining"], ["西宁"]],
  [["qinghai"], ["青海"]],
  // Not in CC-CEDICT at all (policy terms newer than the dictionary).
  [["carbon peak", "carbon peaking", "peak carbon", "carbon emissions peak"], ["碳达峰"]],
  [["monocrystalline silicon", "single crystal silicon", "monosilicon"], ["单晶硅"]],
  [["zero carbon"], ["零碳"]],
  [["virtual power plant"], ["虚拟电厂"]],
  [["source grid load storage"], ["源网荷储"]],
  [["east data west computing", "east data west compute"], ["东数西算"]],
  // CC-CEDICT knows 多晶硅 only as "polycrystalline silicon"; the industry says polysilicon.
  [["polysilicon"], ["多晶硅"]],
  // A programme name of the pages: without it, the words would be searched one by one.
  [["green computing power", "green computing"], ["绿色算力"]],
  // CC-CEDICT glosses 党组 as "party leadership group"; news English says "Party group".
  [["party group", "party leadership group"], ["党组"]],
  // English news abbreviates the people's congress as NPC and writes the CPPCC's name without
  // "Chinese People's", which CC-CEDICT's glosses of 人大 and 政协 do not cover.
  [["npc"], ["人大"]],
  [["political consultative conference"], ["政协"]],
  // CC-CEDICT's "police" words are 警察/警方/干警…; Chinese news calls the police 公安 (public
  // security) and its officers 民警.
  [["police"], ["公安", "警察", "民警"]],
  [["police officer", "police officers", "policeman", "policemen"], ["民警", "警察"]],
  // CC-CEDICT ranks 作弊 (cheating) and 诈欺 first; the pages say 诈骗 and 涉诈 (fraud-related).
  [["fraud", "scam", "telecom fraud", "telecommunications fraud", "wire fraud"], ["诈骗", "涉诈"]],
  [["anti fraud"], ["反诈"]],
  // "Who chaired the meeting?" is this paper's typical question (罗东川主持). CC-CEDICT's "chair" is
  // the furniture (椅子), and 主持 is glossed "to preside over", so the verb never reaches it.
  [["chair", "chaired", "chairs", "chairing", "preside", "presided", "presides", "presided over", "hosted"], ["主持"]],
  // The pages prefix bodies with 省 and 市 (省政府, 市委); CC-CEDICT has no adjective sense for them and
  // offers 省会 (provincial capital) or 市政 (municipal administration) instead.
  [["provincial"], ["省"]],
  [["municipal"], ["市"]],
  // CC-CEDICT has 工业 only as the noun "industry"; the adjective finds 产业 first, while the pages
  // speak of 工业增加值, 工业经济, 工业园区.
  [["industrial"], ["工业", "产业"]],
  // CC-CEDICT glosses 资金 only as "funds; capital", so "money" finds 货币/金钱; the pages speak of
  // 资金 (涉诈资金) and 款 (赃款).
  [["money", "funds", "fund"], ["资金", "钱", "款"]],
  // The 12345 line is a "hotline" in English reports; the pages call it 便民热线/热线 and count its
  // 来电 (incoming calls), where CC-CEDICT's "calls" are appeals (号召, 呼吁).
  [["hotline", "service hotline"], ["热线", "便民热线"]],
  [["calls", "phone calls", "incoming calls"], ["来电", "电话"]],
  // A measure word: the pages' 吨 would lose to a longer word that merely contains it (吨级).
  [["ton", "tons", "tonne", "tonnes"], ["吨"]],
];

let glossaryKeys: Map<string, readonly string[]> | undefined;

/**
 * The glossary's translations of a normalised word or phrase (`police officers`), as a pool: in the
 * order listed, ahead of anything CC-CEDICT offers. Undefined when the glossary lacks the key.
 */
export function glossaryPool(key: string): Pool | undefined {
  if (glossaryKeys === undefined) {
    glossaryKeys = new Map();
    for (const [englishes, chinese] of GLOSSARY) {
      for (const english of englishes) glossaryKeys.set(normalizeWords(english).join(" "), chinese);
    }
  }
  const chinese = glossaryKeys.get(key);
  return chinese === undefined ? undefined : { exact: chinese.map((word, i) => ({ word, score: 1000 - i })), head: [], weak: [] };
}
