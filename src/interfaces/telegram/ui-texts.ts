import type { Language } from "../../answer/types.js";
import { TEXTS, type Texts } from "./texts.js";

/** The interface languages: Simplified and Traditional Chinese, English. */
export type UiLanguage = "zh" | "zh-Hant" | "en";

/** The interface texts in each interface language, and how to tell Traditional text apart. */
export interface UiTexts {
  texts: Record<UiLanguage, Texts>;
  /** True when `text` is written in Traditional characters (it changes when made Simplified). */
  isTraditional(text: string): boolean;
}

/** Argument placeholders (private-use characters) no converter touches: user and page text is put back verbatim. */
const marker = (i: number) => `\ue000${i}\ue001`;

/**
 * `TEXTS.zh` with every fixed string converted by `toTraditional`. A text that takes arguments is
 * converted as a template, its arguments (a question, a headline) filled in afterwards, so what
 * a reader typed or a page printed stays exactly as it was.
 */
export function traditionalTexts(toTraditional: (text: string) => string): Texts {
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(TEXTS.zh)) {
    if (typeof value === "string") {
      // Converted when first read, then kept: the converter need not exist before a Traditional
      // reply does (see loadUiTexts).
      let text: string | undefined;
      Object.defineProperty(converted, key, {
        enumerable: true,
        get: () => (text ??= toTraditional(value)),
      });
    } else if (typeof value === "function") {
      const template = value as (...args: unknown[]) => string;
      converted[key] = (...args: unknown[]) => {
        const filled = toTraditional(
          template(...args.map((a, i) => (typeof a === "string" ? marker(i) : a))),
        );
        return filled.replace(/\ue000(\d+)\ue001/g, (_, i: string) => String(args[Number(i)]));
      };
    }
  }
  return converted as Texts;
}

/** Without converters (a test that does not need them): Traditional readers get Simplified. */
export function simplifiedUiTexts(): UiTexts {
  return { texts: { zh: TEXTS.zh, "zh-Hant": TEXTS.zh, en: TEXTS.en }, isTraditional: () => false };
}

/**
 * Loads opencc's converters: Traditional → Simplified, to recognise a Traditional question, at
 * start; Simplified → Taiwan characters for the texts when the first Traditional text is needed.
 * That one holds ~40 MB of heap (~80 MB of RSS) and takes ~0.2 s to build (issue 14: the idle
 * bot's memory and start-up), which a bot that never answers a Traditional reader need not pay.
 */
export async function loadUiTexts(): Promise<UiTexts> {
  const [Cn2t, toSimplified] = await Promise.all([
    import("opencc-js/cn2t"),
    import("opencc-js/t2cn").then((OpenCC) => OpenCC.Converter({ from: "tw", to: "cn" })),
  ]);
  let converter: ((text: string) => string) | undefined;
  const toTraditional = (text: string) => {
    const convert = converter ?? Cn2t.Converter({ from: "cn", to: "tw" });
    converter = convert;
    return convert(text);
  };
  return {
    texts: { zh: TEXTS.zh, "zh-Hant": traditionalTexts(toTraditional), en: TEXTS.en },
    isTraditional: (text) => toSimplified(text) !== text,
  };
}

/** Telegram language codes of Traditional Chinese (zh-hant, zh-tw, zh-hk, zh-mo). */
export function isTraditionalCode(code: string | undefined): boolean {
  return /^zh[-_](hant|tw|hk|mo)/i.test(code ?? "");
}

/** The interface language for a reply in `language` to a reader whose interface is `ui`. */
export function uiFor(language: Language, ui: UiLanguage): UiLanguage {
  if (language === "en") return "en";
  return ui === "zh-Hant" ? "zh-Hant" : "zh";
}
