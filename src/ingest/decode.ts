/**
 * Turns the bytes of a page file into text, or says why it cannot. OCR pages arrive as UTF-8
 * (with or without BOM, LF or CRLF) or, from older scanning software, as GB18030/GBK; a page saved
 * as UTF-16 is read when it starts with its byte-order mark (LE or BE).
 */

type Encoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export type DecodedPage =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodePage(bytes: Uint8Array): DecodedPage {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };

  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return check(new TextDecoder("utf-16le").decode(bytes.subarray(2)), "utf-16le");
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return check(new TextDecoder("utf-16be").decode(bytes.subarray(2)), "utf-16be");
  }
  // NUL never occurs in a text page in UTF-8 or GB18030; it is the surest sign of a binary file,
  // unless the NULs keep to one byte of each pair: UTF-16 saved without its byte-order mark.
  if (bytes.includes(0)) {
    const likely = likelyUtf16(bytes);
    return {
      ok: false,
      reason: likely
        ? `binary file (contains NUL bytes); likely ${likely} without a byte-order mark: save it as UTF-8`
        : "binary file (contains NUL bytes)",
    };
  }

  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const utf8 = tryDecode("utf-8", body);
  if (utf8 !== null) return check(utf8, "utf-8");
  if (!hasBom) {
    const gb = tryDecode("gb18030", body);
    if (gb !== null) return check(gb, "gb18030");
  }
  return { ok: false, reason: "undecodable: neither UTF-8 nor GB18030" };
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function check(raw: string, encoding: Encoding): DecodedPage {
  const text = raw.replace(/\r\n?/g, "\n");
  if (text.trim() === "") return { ok: false, reason: "empty file (only white space)" };
  // Control characters other than tab and newline mean the bytes were not text to begin with.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  const controls = text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > text.length * 0.01)
    return { ok: false, reason: "binary file (control characters)" };
  return { ok: true, text, encoding };
}

/**
 * A page saved as UTF-16 without its byte-order mark reads, in the right byte order, as nearly
 * all Chinese characters, ASCII and punctuation; binary data and the wrong byte order do not.
 */
function likelyUtf16(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | null {
  if (bytes.length % 2 !== 0) return null;
  for (const [encoding, name] of [
    ["utf-16le", "UTF-16LE"],
    ["utf-16be", "UTF-16BE"],
  ] as const) {
    const text = tryDecode(encoding, bytes);
    if (text === null || text.length === 0) continue;
    const plausible =
      text.match(/[\t\n\r\u0020-\u007e\p{Script=Han}\u2010-\u206f\u3000-\u303f\uff00-\uffef]/gu)
        ?.length ?? 0;
    if (plausible >= text.length * 0.9) return name;
  }
  return null;
}
