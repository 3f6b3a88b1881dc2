/**
 * `keyword.bin`: the keyword index as bytes, read back without parsing JSON (at 10,000 pages the
 * JSON was 468 MB, close to V8's longest string).
 *
 * The frame of binary-file.ts (magic `XNQA-KW\n`, version {@link KEYWORD_FILE_VERSION}, CRC-32,
 * length), then the sections:
 *     tokenizer version (UTF-8) · counts (u32 documents, terms, postings) · ids (UTF-8, back to back)
 *     · id offsets (u32 × documents+1) · lengths (u32 × documents) · terms (UTF-8, sorted by bytes)
 *     · term offsets (u32 × terms+1) · document frequencies (u32 × terms)
 *     · posting byte offsets (u32 × terms+1, into the postings) · postings
 *
 * Postings are term after term, each posting a varint `gap × 2 + (tf > 1)`, where gap is the
 * distance to the previous document of the term minus one, followed by varint `tf − 2` when tf > 1:
 * most postings take one byte. Integers are little-endian.
 *
 * Loading checks the checksum over every byte and the invariants of everything but the postings
 * (sorted unique terms, unique ids, offsets in range, document frequencies adding up to the
 * postings, each term's bytes enough for its postings): a changed byte or a file whose parts
 * disagree is refused, never half-used. A term's postings are decoded when a question first uses
 * it (at 10,000 pages decoding all ~5·10⁷ took 1.3 s of CPU at every start), and checked then —
 * documents in range and increasing, frequencies within their document's length, the term's
 * bytes used exactly — throwing {@link KeywordFileProblem} for the caller to report.
 */
import { assembleIndex, type Bm25Index, TF_ESCAPE } from "./bm25.js";
import { ByteWriter, checkOffsets as checkOffsetsOf, openBinaryFile } from "./binary-file.js";

const MAGIC = Buffer.from("XNQA-KW\n", "latin1");
/** Bump when the layout changes; a file of another version is refused as corrupted. */
export const KEYWORD_FILE_VERSION = 3;

/** What is wrong with a keyword file, in words; the caller wraps it in its own error. */
export class KeywordFileProblem extends Error {}
const problem = (message: string) => new KeywordFileProblem(message);

/** The index and the tokenizer its terms came from, as the bytes of `keyword.bin`. */
export function encodeKeywordFile(tokenizer: string, index: Bm25Index): Buffer {
  const out = ByteWriter.file(MAGIC, KEYWORD_FILE_VERSION);
  out.section(() => out.raw(Buffer.from(tokenizer, "utf8")));
  const terms = index.termOffsets.length - 1;
  out.u32s(Uint32Array.of(index.documentCount, terms, index.docs.length));
  const ids = index.ids.map((id) => Buffer.from(id, "utf8"));
  out.section(() => {
    for (const id of ids) out.raw(id);
  });
  const idOffsets = new Uint32Array(ids.length + 1);
  ids.forEach((id, i) => {
    idOffsets[i + 1] = (idOffsets[i] as number) + id.length;
  });
  out.u32s(idOffsets);
  out.u32s(index.lengths);
  out.section(() => out.raw(index.termBytes));
  out.u32s(index.termOffsets);
  const dfs = new Uint32Array(terms);
  for (let t = 0; t < terms; t++)
    dfs[t] = (index.postingStarts[t + 1] as number) - (index.postingStarts[t] as number);
  out.u32s(dfs);
  // The postings are written apart first, so that each term's byte offset is known for the
  // section before them: a loaded index decodes a term's postings only when a question uses it.
  const stream = new ByteWriter();
  const byteStarts = new Uint32Array(terms + 1);
  for (let t = 0; t < terms; t++) {
    index.loadTerm?.(t);
    let previous = -1;
    const end = index.postingStarts[t + 1] as number;
    for (let p = index.postingStarts[t] as number; p < end; p++) {
      const doc = index.docs[p] as number;
      let tf = index.tfs[p] as number;
      if (tf === TF_ESCAPE) tf = index.tfOverflow.get(p) ?? tf;
      stream.varint((doc - previous - 1) * 2 + (tf > 1 ? 1 : 0));
      if (tf > 1) stream.varint(tf - 2);
      previous = doc;
    }
    byteStarts[t + 1] = stream.length;
  }
  out.u32s(byteStarts);
  out.section(() => out.raw(stream.bytes.subarray(0, stream.length)));
  return out.finish();
}

/**
 * Opens `keyword.bin`: checks the header and the checksum and returns the tokenizer version, so
 * that the caller can refuse a stale index before paying for {@link OpenedKeywordFile.decode}.
 * @throws {KeywordFileProblem}
 */
export function openKeywordFile(bytes: Uint8Array): OpenedKeywordFile {
  const reader = openBinaryFile(
    bytes,
    { magic: MAGIC, version: KEYWORD_FILE_VERSION, what: "keyword index" },
    problem,
  );
  const tokenizer = reader.section("tokenizer").toString("utf8");
  return { tokenizer, decode: () => decodeSections(reader) };
}

export interface OpenedKeywordFile {
  tokenizer: string;
  /** The index, every invariant checked. @throws {KeywordFileProblem} */
  decode(): Bm25Index;
}

const checkOffsets = (name: string, offsets: Uint32Array, total: number) =>
  checkOffsetsOf(name, offsets, total, problem);

function decodeSections(reader: ReturnType<typeof openBinaryFile>): Bm25Index {
  const counts = reader.u32s("counts", 3);
  const documents = counts[0] as number;
  const terms = counts[1] as number;
  const postings = counts[2] as number;
  const idBytes = reader.section("ids");
  const idOffsets = reader.u32s("id offsets", documents + 1);
  checkOffsets("id offsets", idOffsets, idBytes.length);
  const ids: string[] = new Array(documents);
  for (let i = 0; i < documents; i++)
    ids[i] = idBytes.toString("utf8", idOffsets[i], idOffsets[i + 1]);
  if (new Set(ids).size !== documents) throw new KeywordFileProblem("document ids are not unique");
  const lengths = reader.u32s("lengths", documents);
  let total = 0;
  for (const length of lengths) total += length;

  const termBytes = Buffer.from(reader.section("terms"));
  const termOffsets = reader.u32s("term offsets", terms + 1);
  checkOffsets("term offsets", termOffsets, termBytes.length);
  for (let t = 1; t < terms; t++) {
    const c = Buffer.compare(
      termBytes.subarray(termOffsets[t - 1], termOffsets[t]),
      termBytes.subarray(termOffsets[t], termOffsets[t + 1]),
    );
    if (c >= 0) throw new KeywordFileProblem(`terms are not sorted and unique at term ${t}`);
  }
  const dfs = reader.u32s("document frequencies", terms);
  const postingStarts = new Uint32Array(terms + 1);
  for (let t = 0; t < terms; t++) {
    if (dfs[t] === 0) throw new KeywordFileProblem(`term ${t} has no postings`);
    postingStarts[t + 1] = (postingStarts[t] as number) + (dfs[t] as number);
  }
  if (postingStarts[terms] !== postings)
    throw new KeywordFileProblem(
      `document frequencies add up to ${postingStarts[terms]}, the counts say ${postings} postings`,
    );

  const byteStarts = reader.u32s("posting byte offsets", terms + 1);
  const section = reader.section("postings");
  checkOffsets("posting byte offsets", byteStarts, section.length);
  for (let t = 0; t < terms; t++) {
    // Every posting takes at least one byte, and at most two varints of five.
    const bytes = (byteStarts[t + 1] as number) - (byteStarts[t] as number);
    if (bytes < (dfs[t] as number) || bytes > 10 * (dfs[t] as number))
      throw new KeywordFileProblem(`term ${t} has ${dfs[t]} postings in ${bytes} bytes`);
  }
  // A plain Uint8Array view: element reads of a Buffer (a subclass) are slower in V8's optimized loop.
  const stream = new Uint8Array(section.buffer, section.byteOffset, section.length);
  // Filled term by term as questions use them (see loadTerm below). Large zeroed allocations are
  // committed page by page as they are written: the untouched terms cost no memory.
  const docs = new Uint32Array(postings);
  const tfs = new Uint8Array(postings);
  const tfOverflow = new Map<number, number>();
  const maxTf = new Uint32Array(terms);
  const minLength = new Uint32Array(terms);
  const decoded = new Uint8Array(terms);
  // A local copy: an imported binding is read once per posting (~5·10⁷ times at 10,000 pages),
  // and under tsx's loader each read was a getter call.
  const tfEscape = TF_ESCAPE;

  /**
   * Decodes term t's postings into `docs`/`tfs` and its pruning bounds, once, checking what the
   * scorer relies on: documents in range and increasing, no frequency above its document's length,
   * and the term's bytes holding exactly its postings.
   */
  const loadTerm = (t: number): void => {
    if (decoded[t] === 1) return;
    let pos = byteStarts[t] as number;
    const end = byteStarts[t + 1] as number;
    const cutShort = () => new KeywordFileProblem(`postings of term ${t} are cut short`);
    let previous = -1;
    let most = 0;
    let shortest = 0xffffffff;
    const last = postingStarts[t + 1] as number;
    for (let p = postingStarts[t] as number; p < last; p++) {
      // The posting's varint, with a fast path for the common one-byte case.
      if (pos >= end) throw cutShort();
      let byte = stream[pos++] as number;
      let gap: number;
      let hasTf: boolean;
      if (byte < 0x80) {
        gap = byte >>> 1;
        hasTf = (byte & 1) === 1;
      } else {
        let v = byte & 0x7f;
        let scale = 0x80;
        do {
          if (pos >= end || scale > 0x10000000) throw cutShort();
          byte = stream[pos++] as number;
          v += (byte & 0x7f) * scale;
          scale *= 0x80;
        } while (byte >= 0x80);
        gap = Math.floor(v / 2);
        hasTf = v % 2 === 1;
      }
      const doc = previous + 1 + gap;
      if (doc >= documents)
        throw new KeywordFileProblem(
          `a posting of term ${t} refers to document ${doc} of ${documents}`,
        );
      let tf = 1;
      if (hasTf) {
        if (pos >= end) throw cutShort();
        byte = stream[pos++] as number;
        tf = byte;
        if (byte >= 0x80) {
          tf = byte & 0x7f;
          let scale = 0x80;
          do {
            if (pos >= end || scale > 0x10000000) throw cutShort();
            byte = stream[pos++] as number;
            tf += (byte & 0x7f) * scale;
            scale *= 0x80;
          } while (byte >= 0x80);
        }
        tf += 2;
      }
      const length = lengths[doc] as number;
      if (tf > length)
        throw new KeywordFileProblem(
          `term ${t} occurs ${tf} times in document ${doc}, which holds ${length} terms`,
        );
      docs[p] = doc;
      if (tf >= tfEscape) {
        tfs[p] = tfEscape;
        tfOverflow.set(p, tf);
      } else tfs[p] = tf;
      if (tf > most) most = tf;
      if (length < shortest) shortest = length;
      previous = doc;
    }
    if (pos !== end)
      throw new KeywordFileProblem(`${end - pos} bytes left over after the postings of term ${t}`);
    maxTf[t] = most;
    minLength[t] = shortest;
    decoded[t] = 1;
  };

  reader.end();
  return assembleIndex(
    {
      ids,
      lengths,
      averageLength: documents === 0 ? 0 : total / documents,
      termBytes,
      termOffsets,
      postingStarts,
      docs,
      tfs,
      tfOverflow,
      loadTerm,
    },
    { maxTf, minLength },
  );
}

/**
 * Decodes every term's postings of an index read by {@link openKeywordFile} and checks what only
 * all of them together can show: each document's frequencies add up to its length. What loading
 * leaves to the first question, done at once (for `embed`'s checks and the tests); ~1 s at
 * 10,000 pages.
 * @throws {KeywordFileProblem}
 */
export function checkAllPostings(index: Bm25Index): void {
  const terms = index.termOffsets.length - 1;
  const termCounts = new Float64Array(index.documentCount);
  for (let t = 0; t < terms; t++) {
    index.loadTerm?.(t);
    const end = index.postingStarts[t + 1] as number;
    for (let p = index.postingStarts[t] as number; p < end; p++) {
      let tf = index.tfs[p] as number;
      if (tf === TF_ESCAPE) tf = index.tfOverflow.get(p) ?? tf;
      const doc = index.docs[p] as number;
      termCounts[doc] = (termCounts[doc] as number) + tf;
    }
  }
  for (let d = 0; d < index.documentCount; d++) {
    if (termCounts[d] !== index.lengths[d])
      throw new KeywordFileProblem(
        `document ${d} has length ${index.lengths[d]} but its postings hold ${termCounts[d]} terms`,
      );
  }
}
