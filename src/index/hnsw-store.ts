import { mkdir, open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { SaveableVectorStore } from "@langchain/core/vectorstores";
import hnswlib from "hnswlib-node";
import type { HierarchicalNSW } from "hnswlib-node";
import * as z from "zod";
import type { DenseSearch } from "./dense-search.js";
import { CorruptIndexError } from "./errors/corrupt-index-error.js";
import { IndexMismatchError } from "./errors/index-mismatch-error.js";
import type { IdentifiedEmbeddings } from "./identified-embeddings.js";
import { readStoredJson } from "./stored-json.js";

/**
 * Tuning of the HNSW graph. The defaults reach recall@10 ≥ 0.98 against exact search on 100k
 * clustered 512-d vectors with a query p50 well under 1 ms (see `bench/hnsw.ts`); raise them only
 * after re-running that benchmark.
 */
export interface HnswStoreOptions {
  /**
   * Links per node in the graph: more links find neighbours more reliably but make the index larger
   * (4·2M bytes per vector on the bottom layer) and the build slower.
   * @default 16
   */
  m?: number;
  /**
   * Breadth of the neighbour search while inserting: higher builds a better graph, more slowly.
   * @default 200
   */
  efConstruction?: number;
  /**
   * Breadth of the search at query time, the recall/latency dial. Never below `k`.
   * @default 64
   */
  efSearch?: number;
  /**
   * Vectors the index has room for before its first resize; it doubles whenever it fills up.
   * @default 1024
   */
  initialCapacity?: number;
  /**
   * Seed of the level generator, so that the same vectors in the same order build the same graph.
   * @default 100
   */
  seed?: number;
}

const INDEX_FILE = "hnswlib.index";
const DOCSTORE_FILE = "docstore.json";
const ARGS_FILE = "args.json";

const DEFAULTS: Required<HnswStoreOptions> = {
  m: 16,
  efConstruction: 200,
  efSearch: 64,
  initialCapacity: 1024,
  seed: 100,
};

/** What `args.json` holds: enough to rebuild the native index object and to check it belongs. */
const argsSchema = z.object({
  space: z.literal("cosine"),
  dimension: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
  modelId: z.string().min(1),
  m: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  efSearch: z.number().int().positive(),
  seed: z.number().int(),
});
type HnswArgs = z.infer<typeof argsSchema>;

/** `docstore.json`: the documents in label order (label = position in the array). */
const docstoreSchema = z.array(
  z.object({
    pageContent: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    id: z.string().optional(),
  }),
);

/**
 * The dense vector store: documents and their embeddings in an `hnswlib-node` HNSW graph under
 * cosine similarity, behind LangChain's `VectorStore` so retrievers can use it like any other.
 *
 * Build it with {@link HnswStore.fromDocuments} (embeds through the given embedder) or
 * {@link HnswStore.fromVectors} (vectors you already have, e.g. from a cache), persist it with
 * {@link HnswStore.save} and reopen it with {@link HnswStore.load}, which refuses an index built by
 * a different model or damaged on disk.
 */
export class HnswStore extends SaveableVectorStore implements DenseSearch {
  readonly kind = "hnsw";
  declare FilterType: (doc: DocumentInterface) => boolean;
  declare embeddings: IdentifiedEmbeddings;

  /** The graph's build parameters, fixed once the index exists (they are saved with it). */
  readonly options: Readonly<Required<HnswStoreOptions>>;
  /** Search breadth used from the next search on; starts at `options.efSearch`. Never below `k`. */
  efSearch: number;
  #index: HierarchicalNSW | undefined;
  #documents: DocumentInterface[] = [];
  #dimension: number | undefined;

  constructor(embeddings: IdentifiedEmbeddings, options: HnswStoreOptions = {}) {
    super(embeddings, options);
    this.embeddings = embeddings;
    this.options = { ...DEFAULTS, ...options };
    this.efSearch = this.options.efSearch;
    this.#dimension = embeddings.dimension;
  }

  _vectorstoreType(): string {
    return "hnswlib";
  }

  /** Number of documents in the store. */
  get count(): number {
    return this.#documents.length;
  }

  /** Length of the stored vectors: the embedder's, or that of the first vectors added. */
  get dimension(): number | undefined {
    return this.#dimension;
  }

  /**
   * Adds documents with vectors computed elsewhere, `vectors[i]` belonging to `documents[i]`. The
   * whole batch is checked before anything is added, so a bad vector leaves the store as it was.
   */
  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void> {
    if (vectors.length !== documents.length) {
      throw new Error(
        `vectors (${vectors.length}) and documents (${documents.length}) must be the same length`,
      );
    }
    const first = vectors[0];
    if (first === undefined) return;
    const dimension = this.#dimension ?? first.length;
    for (const vector of vectors) assertVector(vector, dimension, "Vectors");

    this.#dimension = dimension;
    const index = this.#ensureIndex(dimension, vectors.length);
    const needed = this.#documents.length + vectors.length;
    const capacity = index.getMaxElements(); // 0 for an empty index read back from disk
    if (needed > capacity) index.resizeIndex(Math.max(needed, 2 * capacity));
    documents.forEach((document, i) => {
      index.addPoint(vectors[i] as number[], this.#documents.length);
      this.#documents.push(document);
    });
  }

  /** Embeds the documents' `pageContent` with the store's embedder, then adds them. */
  async addDocuments(documents: DocumentInterface[]): Promise<void> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    await this.addVectors(vectors, documents);
  }

  /**
   * The `k` documents nearest to `query`, best first, each with its cosine SIMILARITY
   * (1 − cosine distance): higher is better, 1 for the same direction, in [-1, 1].
   * `k` beyond the store's size returns everything; an empty store returns `[]`.
   * With `filter`, only documents it accepts are returned (possibly fewer than `k`).
   */
  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: this["FilterType"],
  ): Promise<[DocumentInterface, number][]> {
    const index = this.#index;
    const dimension = this.#dimension;
    if (index === undefined || dimension === undefined || this.count === 0) return [];
    assertVector(query, dimension, "Query vector");
    const n = Math.min(Math.floor(k), this.count);
    if (n <= 0) return [];

    // ef is the candidate list the search keeps; below k it could not return k results.
    index.setEf(Math.max(this.efSearch, n));
    const accepts = filter && ((label: number) => filter(this.#document(label)));
    const { neighbors, distances } = index.searchKnn(query, n, accepts);
    const results = neighbors.map((label, i): [DocumentInterface, number] => {
      // float32 rounding can put an identical vector a hair past 1
      const similarity = Math.min(1, Math.max(-1, 1 - (distances[i] as number)));
      return [this.#document(label), similarity];
    });
    return results.sort((a, b) => b[1] - a[1]);
  }

  /**
   * Writes `hnswlib.index`, `docstore.json` and `args.json` (model id, dimension, count, graph
   * parameters) into `directory`, creating it if needed. Writing aside and swapping directories
   * (so a crash leaves the previous index whole) is the caller's job.
   */
  async save(directory: string): Promise<void> {
    const dimension = this.#dimension;
    if (dimension === undefined) {
      throw new Error(
        "Cannot save a store whose dimension is unknown: add vectors first or give the embedder a dimension",
      );
    }
    const index = this.#ensureIndex(dimension, 0);
    const args: HnswArgs = {
      space: "cosine",
      dimension,
      count: this.count,
      capacity: index.getMaxElements(),
      modelId: this.embeddings.modelId,
      m: this.options.m,
      efConstruction: this.options.efConstruction,
      efSearch: this.efSearch,
      seed: this.options.seed,
    };
    const documents = this.#documents.map(({ pageContent, metadata, id }) => ({
      pageContent,
      metadata,
      id,
    }));
    await mkdir(directory, { recursive: true });
    // Sync: the async variant writes from a native thread while JS could still add points.
    index.writeIndexSync(join(directory, INDEX_FILE));
    await writeFile(join(directory, DOCSTORE_FILE), JSON.stringify(documents));
    await writeFile(join(directory, ARGS_FILE), `${JSON.stringify(args, null, 2)}\n`);
  }

  /**
   * Builds a store from documents, embedding them with `embeddings` (which is also the store's
   * embedder for later `similaritySearch` calls).
   */
  static override async fromDocuments(
    documents: DocumentInterface[],
    embeddings: IdentifiedEmbeddings,
    options: HnswStoreOptions = {},
  ): Promise<HnswStore> {
    const store = new HnswStore(embeddings, options);
    await store.addDocuments(documents);
    return store;
  }

  /** Builds a store from vectors computed elsewhere (e.g. a cache keyed by chunk hash). */
  static async fromVectors(
    vectors: number[][],
    documents: DocumentInterface[],
    embeddings: IdentifiedEmbeddings,
    options: HnswStoreOptions = {},
  ): Promise<HnswStore> {
    const store = new HnswStore(embeddings, options);
    await store.addVectors(vectors, documents);
    return store;
  }

  /**
   * Opens a store saved by {@link HnswStore.save}.
   *
   * @throws {IndexMismatchError} the index was built by another model id or dimension than
   *   `embeddings` reports: its vectors would not be comparable with the queries.
   * @throws {CorruptIndexError} a file is missing, truncated, not valid JSON, or the files
   * disagree.
   */
  static override async load(
    directory: string,
    embeddings: IdentifiedEmbeddings,
  ): Promise<HnswStore> {
    const argsFile = join(directory, ARGS_FILE);
    const args = await readStoredJson(argsFile, argsSchema);
    const configured = { modelId: embeddings.modelId, dimension: embeddings.dimension };
    if (
      args.modelId !== configured.modelId ||
      (configured.dimension !== undefined && args.dimension !== configured.dimension)
    ) {
      throw new IndexMismatchError(
        directory,
        { modelId: args.modelId, dimension: args.dimension },
        configured,
      );
    }

    const docstoreFile = join(directory, DOCSTORE_FILE);
    const stored = await readStoredJson(docstoreFile, docstoreSchema);
    if (stored.length !== args.count) {
      throw new CorruptIndexError(
        docstoreFile,
        `holds ${stored.length} documents but ${ARGS_FILE} records ${args.count}`,
      );
    }

    const indexFile = join(directory, INDEX_FILE);
    await checkIndexHeader(indexFile, args);
    const index = new hnswlib.HierarchicalNSW("cosine", args.dimension);
    try {
      await index.readIndex(indexFile);
    } catch (cause) {
      throw new CorruptIndexError(indexFile, "hnswlib could not read it", { cause });
    }

    const { m, efConstruction, efSearch, seed } = args;
    const store = new HnswStore(embeddings, { m, efConstruction, efSearch, seed });
    store.#index = index;
    store.#dimension = args.dimension;
    store.#documents = stored.map(
      ({ pageContent, metadata, id }) =>
        new Document(id === undefined ? { pageContent, metadata } : { pageContent, metadata, id }),
    );
    return store;
  }

  #ensureIndex(dimension: number, minCapacity: number): HierarchicalNSW {
    if (this.#index !== undefined) return this.#index;
    const { m, efConstruction, seed, initialCapacity } = this.options;
    const index = new hnswlib.HierarchicalNSW("cosine", dimension);
    index.initIndex(Math.max(initialCapacity, minCapacity, 1), m, efConstruction, seed);
    this.#index = index;
    return index;
  }

  #document(label: number): DocumentInterface {
    const document = this.#documents[label];
    if (document === undefined) throw new Error(`Label ${label} has no document in the docstore`);
    return document;
  }
}

function assertVector(vector: number[], dimension: number, what: string): void {
  if (vector.length !== dimension) {
    throw new Error(
      `${what} must have the same length as the number of dimensions (${dimension}), got ${vector.length}`,
    );
  }
  // One NaN from a broken embedder would poison every distance computed against it.
  if (!vector.every(Number.isFinite)) throw new Error(`${what} must hold finite numbers only`);
}

/** Byte size of the fixed header hnswlib writes before the vectors (13 little-endian fields). */
const HEADER_BYTES = 96;

/**
 * hnswlib trusts the header of the file it loads: an index written for another dimension loads
 * "fine" and then reads past each vector. Check the header against args.json first.
 */
async function checkIndexHeader(file: string, args: HnswArgs): Promise<void> {
  let header: Buffer;
  let size: number;
  try {
    const handle = await open(file, "r");
    try {
      size = (await handle.stat()).size;
      header = Buffer.alloc(HEADER_BYTES);
      await handle.read(header, 0, HEADER_BYTES, 0);
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw new CorruptIndexError(file, "cannot be read (missing?)", { cause });
  }
  if (size < HEADER_BYTES) {
    throw new CorruptIndexError(file, `is truncated (${size} bytes, shorter than its header)`);
  }
  const field = (offset: number) => Number(header.readBigUInt64LE(offset));
  const capacity = field(8);
  const count = field(16);
  const bytesPerElement = field(24);
  const linksBytes = field(40);
  const m = field(72);
  // Each element: its bottom-layer links, then the float32 vector, then an 8-byte label.
  const expectedBytes = linksBytes + args.dimension * 4 + 8;
  const problem =
    count !== args.count
      ? `holds ${count} vectors but ${ARGS_FILE} records ${args.count}`
      : bytesPerElement !== expectedBytes || m !== args.m
        ? `was written for other parameters than ${ARGS_FILE} records (dimension ${args.dimension}, M ${args.m})`
        : capacity !== args.capacity
          ? `has capacity ${capacity} but ${ARGS_FILE} records ${args.capacity}`
          : size < HEADER_BYTES + count * (bytesPerElement + 4)
            ? `is truncated (${size} bytes for ${count} vectors)`
            : undefined;
  if (problem !== undefined) throw new CorruptIndexError(file, problem);
}
