/**
 * Encodes text as GB18030 for decoding tests. Node can decode GB18030 but not encode it, so the
 * reverse table is built by decoding every two-byte sequence once.
 */
let table: Map<string, number[]> | undefined;

export function encodeGb18030(text: string): Uint8Array {
  table ??= buildTable();
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const encoded = table.get(ch);
    if (!encoded) throw new Error(`no two-byte GB18030 code for ${ch}`);
    bytes.push(...encoded);
  }
  return Uint8Array.from(bytes);
}

function buildTable(): Map<string, number[]> {
  const decoder = new TextDecoder("gb18030", { fatal: true });
  const map = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (!map.has(ch)) map.set(ch, [lead, trail]);
      } catch {
        // not a valid two-byte code
      }
    }
  }
  return map;
}
