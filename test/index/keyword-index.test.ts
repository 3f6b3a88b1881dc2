import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/index/chinese-tokenizer.js";
import {
  buildKeywordIndex,
  deserializeKeywordIndex,
  KeywordIndexError,
  searchKeywordIndex,
  serializeKeywordIndex,
  termIdf,
  verifyKeywordIndex,
  warmKeywordIndex,
} from "../../src/index/keyword-index.js";
import type { KeywordIndexData } from "../../src/index/keyword-index.js";

// Passages copied from the seed pages (file prefix in the id), OCR line wraps removed; stray spaces
// the page itself prints (`5 万吨`, `3 至 5 年`) are kept on purpose.
const PASSAGES = [
  {
    id: "003-exports",
    text: "多晶硅出口8.5亿元，占全国同类产品出口商品的34.4%，居全国首位，增长73.7倍；单晶硅棒首次在全省实现出口，出口额达2.1亿元，占全国同类产品出口商品的12.1%，居全国第三；锂离子蓄电池出口6.2亿元，增长77.5倍，增速居全国第一。",
  },
  {
    id: "002-capacity",
    text: "截至目前，开发区已成为全省重要的新能源产业制造基地，形成光伏制造、动力及储能锂电池两个新能源产业集群，形成14.5万吨多晶硅、102吉瓦单晶硅、5.6吉瓦切片、5.7吉瓦光伏电池、5.9吉瓦光伏组件等光伏制造产能，16万吨正极材料、1.5亿平方米隔膜、37.5吉瓦时锂电池等产能规模。",
  },
  {
    id: "002-materials",
    text: "建成全球海拔最高、规模最大碳纤维生产基地，形成2.5万吨高性能碳纤维、5 万吨电解铜箔、1300万芯公里光纤拉丝、1000吨高纯氧化铝、3300吨电子级多晶硅等产能规模，具备优先发展新材料产业的基础条件。",
  },
  {
    id: "000-compute",
    text: "引进落地中国联通三江源国家大数据基地、联通·阿里云万卡绿色算力、新华三“图灵小镇”等12个重大绿色算力项目，并计划在未来3 至 5 年内建成 5 万台机架规模，突破10万P算力规模，打造具有国际竞争力的绿色、高效、开放的算力产业生态系统。",
  },
  {
    id: "000-grid",
    text: "依托绿电能源资源禀赋和产业配套优势，推动碳达峰试点建设与产业创新深度融合，加大清洁能源装备制造、绿色算力等产业布局力度，聚焦源网荷储一体化新型电力系统示范中心城市建设，出台绿电体系、零碳产业园、储能基地、绿电认证和溯源体系建设等一系列措施，建立全省首家虚拟电厂，初步建成“绿电态势感知分析平台”。",
  },
  {
    id: "002-fraud",
    text: "记者在活动现场了解到，今年以来，西宁市公安机关刑侦部门积极打击治理电信网络新型违法犯罪，有效推进打击、治理、防范、挽损各项工作、较去年1月至10月，成功破获1583起案件，止付涉诈资金17.25亿元，发案同比下降4.79%。冻结银行账户8927个，冻结涉诈资金14.59亿元；全年已经为受害人成功返还涉案资金1031.5万余元。",
  },
  {
    id: "000-meeting",
    text: "3月25日，市政府党组书记、市长石建平主持召开市政府党组会议，传达学习习近平总书记近期重要讲话精神，传达学习中央、省委、市委有关会议及文件精神，落实市委工作要求，听取有关工作情况汇报，研究部署下一步工作。",
  },
  {
    id: "000-air",
    text: "为持续推进大气污染防治工作，进一步改善全市空气质量，我市制定印发《“西宁蓝”提质行动工作方案》，《方案》从建立工作机制、工业源污染管控、扬尘源污染管控、移动源污染管控、燃煤散烧污染管控、其他面源污染管控、推动产业结构优化升级7个重点方面，细化22条具体工作措施，梳理28项具体任务。",
  },
  {
    id: "004-hotline",
    text: "西宁市党建引领“有诉必应马上办”机制创新工作日报10月15日，12345政务服务便民热线接听群众来电诉求1215件次，网民留言73件(西宁12345微信公众号65件,西宁市政府网2件,“码上减负”1件,青海12345政务服务网3件,人民网2件),直接办理739件,转交责任单位办理476件。",
  },
  {
    id: "003-service",
    text: "进企业、解难题、优环境、促发展，西宁开发区把党建引领“有诉必马上办”创新机制与产业链链长制、领导干部包联包保机制、助企服务工作专班等有机结合，常态化服务企业，极大地提振了企业发展信心。各园区“有诉必马上办”接件5824件，100%办结，累计提供就业岗位7034个，新增就业人员11331人。",
  },
  {
    id: "004-bookmark",
    text: "10月16日，由省委宣传部、市委宣传部主办，团市委、市教育局、市融媒体中心承办的西宁市护苗2025绿书签行动在城北区陶昕学校举行。",
  },
];

const index = buildKeywordIndex(PASSAGES);
const ids = (query: string, k = 5): string[] =>
  searchKeywordIndex(index, query, k).map((hit) => hit.id);
const textOf = (id: string): string => PASSAGES.find((passage) => passage.id === id)?.text ?? "";

describe("searchKeywordIndex: words", () => {
  it("ranks the passage that holds the query's word first", () => {
    expect(ids("虚拟电厂")[0]).toBe("000-grid");
    expect(ids("石建平主持了什么会议？")[0]).toBe("000-meeting");
    expect(ids("绿书签")[0]).toBe("004-bookmark");
    expect(ids("西宁蓝提质行动")[0]).toBe("000-air");
  });

  it("finds a word of the page's own vocabulary inside a longer compound", () => {
    // `绿色算力` is one user-dictionary word that also yields `算力`.
    expect(ids("算力")[0]).toBe("000-compute");
    expect(ids("源网荷储")[0]).toBe("000-grid");
  });

  it("still finds a word that jieba cuts differently in the query and in the page, through bigrams", () => {
    // jieba reads the query `硅棒` as one word but the page as `单晶硅` + `棒`.
    const pageTerms = new Set(tokenize(textOf("003-exports")));
    expect(tokenize("硅棒").filter((term) => term.startsWith("w:") && pageTerms.has(term))).toEqual(
      [],
    );
    expect(ids("硅棒")[0]).toBe("003-exports");
  });

  it("matches a programme name despite an OCR slip in the page", () => {
    // 004 prints `有诉必应马上办`; 003 lost a character (`有诉必马上办`) but shares most bigrams.
    const found = ids("有诉必应马上办");
    expect(found[0]).toBe("004-hotline");
    expect(found).toContain("003-service");
  });

  it("lets a rare word outweigh a common one (idf)", () => {
    // `西宁` is in five passages, `隔膜` in one that never says 西宁.
    expect(textOf("002-capacity")).not.toContain("西宁");
    expect(ids("西宁隔膜")[0]).toBe("002-capacity");
  });
});

describe("searchKeywordIndex: numbers with units", () => {
  it("finds a figure by its number and unit, with or without the unit's last character", () => {
    expect(ids("8.5亿")[0]).toBe("003-exports");
    expect(ids("多晶硅出口8.5亿元")[0]).toBe("003-exports");
    expect(ids("34.4%")[0]).toBe("003-exports");
    expect(ids("1031.5万")[0]).toBe("002-fraud");
  });

  it("prefers the same number with the same unit over the same number with another unit", () => {
    // 000 builds `5 万台` racks; 002 makes `5 万吨` copper foil. Both hold the number 5 and `万`.
    const found = ids("5万台");
    expect(found[0]).toBe("000-compute");
    expect(found).toContain("002-materials");
  });

  it("does not mistake a number for the tail of a longer one", () => {
    // `1.5亿平方米隔膜` is the answer; `1031.5万余元` merely ends in the same digits.
    expect(ids("1.5亿")[0]).toBe("002-capacity");
  });
});

describe("searchKeywordIndex: edge cases", () => {
  it("returns [] for a query with nothing to search", () => {
    expect(searchKeywordIndex(index, "", 5)).toEqual([]);
    expect(searchKeywordIndex(index, "   ", 5)).toEqual([]);
    expect(searchKeywordIndex(index, "？！。，……", 5)).toEqual([]);
    expect(searchKeywordIndex(index, "的了吗", 5)).toEqual([]);
  });

  it("returns at most k hits, best first, all with positive scores", () => {
    const hits = searchKeywordIndex(index, "西宁开发区绿色算力产业", 3);
    expect(hits).toHaveLength(3);
    for (const [i, hit] of hits.entries()) {
      expect(hit.score).toBeGreaterThan(0);
      if (i > 0) expect(hit.score).toBeLessThanOrEqual(hits[i - 1]?.score ?? Infinity);
    }
    expect(searchKeywordIndex(index, "算力", 0)).toEqual([]);
  });

  it("returns [] from an empty index and refuses duplicate ids", () => {
    expect(searchKeywordIndex(buildKeywordIndex([]), "算力", 5)).toEqual([]);
    expect(() =>
      buildKeywordIndex([
        { id: "a", text: "算力" },
        { id: "a", text: "绿电" },
      ]),
    ).toThrow(/Duplicate document id/);
  });
});

describe("serializeKeywordIndex / deserializeKeywordIndex", () => {
  const roundTrip = (data: KeywordIndexData): KeywordIndexData =>
    deserializeKeywordIndex(serializeKeywordIndex(data));
  const saved = (): Buffer => serializeKeywordIndex(index);
  /** The file with a byte range changed and its header made consistent again (length, CRC). */
  const resealed = (bytes: Buffer): Buffer => {
    const copy = Buffer.from(bytes);
    copy.writeUInt32LE(copy.length - 20, 16);
    copy.writeUInt32LE(crc32(copy.subarray(20)), 12);
    return copy;
  };
  /** Where each section's length word sits: the tests damage sections by name. */
  const sections = (bytes: Buffer): number[] => {
    const at: number[] = [];
    for (let i = 20; i < bytes.length; ) {
      at.push(i);
      const length = bytes.readUInt32LE(i);
      i += 4 + length + ((4 - (length % 4)) % 4);
    }
    return at;
  };
  const [
    TOKENIZER,
    COUNTS,
    IDS,
    ID_OFFSETS,
    LENGTHS,
    TERMS,
    TERM_OFFSETS,
    DFS,
    BYTE_OFFSETS,
    POSTINGS,
  ] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  // Loading checks all but the postings, which are checked as searches reach them; verifying
  // reaches them all.
  const corruptedBy = (bytes: Uint8Array) => () =>
    verifyKeywordIndex(deserializeKeywordIndex(bytes));

  it("gives identical search results after a round trip through the file's bytes", () => {
    const restored = roundTrip(index);
    for (const query of [
      "虚拟电厂",
      "8.5亿",
      "5万台",
      "硅棒",
      "有诉必应马上办",
      "西宁隔膜",
      "铝",
    ]) {
      expect(searchKeywordIndex(restored, query, 10)).toEqual(searchKeywordIndex(index, query, 10));
    }
    expect(sections(saved())).toHaveLength(10);
    expect(saved().subarray(0, 8).toString("latin1")).toBe("XNQA-KW\n");
  });

  it("keeps term frequencies too high for one byte", () => {
    const text = `${"算力".repeat(300)}绿电`;
    const restored = roundTrip(
      buildKeywordIndex([
        { id: "long", text },
        { id: "short", text: "算力绿电" },
      ]),
    );
    expect(searchKeywordIndex(restored, "算力", 2)).toEqual(
      searchKeywordIndex(
        buildKeywordIndex([
          { id: "long", text },
          { id: "short", text: "算力绿电" },
        ]),
        "算力",
        2,
      ),
    );
    expect(termIdf(restored, "w:算力")).toBeGreaterThan(0);
  });

  it("treats terms that collide with Object.prototype as ordinary terms", () => {
    const tricky = roundTrip(
      buildKeywordIndex([{ id: "en", text: "constructor toString __proto__" }]),
    );
    expect(searchKeywordIndex(tricky, "constructor", 5).map((hit) => hit.id)).toEqual(["en"]);
    expect(searchKeywordIndex(tricky, "valueOf hasOwnProperty", 5)).toEqual([]);
  });

  it("round-trips an empty index", () => {
    expect(searchKeywordIndex(roundTrip(buildKeywordIndex([])), "算力", 5)).toEqual([]);
  });

  it("rejects bytes that are not a keyword index: empty, JSON, wrong magic, another version", () => {
    const wrongMagic = saved();
    wrongMagic.write("XNQA-KX\n", 0, "latin1");
    const otherVersion = saved();
    otherVersion.writeUInt32LE(1, 8);
    for (const bytes of [
      new Uint8Array(0),
      Buffer.from('{"version":1,"tokenizer":"x","bm25":{}}'),
      wrongMagic,
      otherVersion,
    ]) {
      expect(corruptedBy(bytes)).toThrow(/^Keyword index is corrupted: /);
    }
    expect(corruptedBy(otherVersion)).toThrow(/format version 1, this program reads version 3/);
  });

  it("rejects a truncated file and one whose bytes changed after writing", () => {
    const file = saved();
    for (const cut of [19, 20, 100, file.length - 1])
      expect(corruptedBy(file.subarray(0, cut))).toThrow(/^Keyword index is corrupted: /);
    const flipped = saved();
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] as number) ^ 0x01;
    expect(corruptedBy(flipped)).toThrow(/^Keyword index is corrupted: checksum mismatch/);
  });

  it("rejects an index whose parts disagree, even with a valid checksum", () => {
    const damaged: Array<(bytes: Buffer, at: number[]) => void> = [
      // A document count that disagrees with the ids and lengths.
      (bytes, at) => bytes.writeUInt32LE(0xffff, at[COUNTS]! + 4),
      // A section's length running past the end of the file.
      (bytes, at) => bytes.writeUInt32LE(0x7fffffff, at[LENGTHS]!),
      // An id offset out of range.
      (bytes, at) => bytes.writeUInt32LE(0xfffffff, at[ID_OFFSETS]! + 8),
      // A document length that its postings do not add up to.
      (bytes, at) =>
        bytes.writeUInt32LE(bytes.readUInt32LE(at[LENGTHS]! + 4) + 1, at[LENGTHS]! + 4),
      // Terms out of order.
      (bytes, at) => bytes.writeUInt8(0xff, at[TERMS]! + 4),
      // A term offset beyond the terms' bytes.
      (bytes, at) => bytes.writeUInt32LE(0xfffffff, at[TERM_OFFSETS]! + 8),
      // A document frequency that disagrees with the postings.
      (bytes, at) => bytes.writeUInt32LE(bytes.readUInt32LE(at[DFS]! + 4) + 1, at[DFS]! + 4),
      // A posting's gap sending it past the last document.
      (bytes, at) => bytes.writeUInt8(0x7e, at[POSTINGS]! + 4),
      // A term's postings said to start before the previous term's.
      (bytes, at) => bytes.writeUInt32LE(0, at[BYTE_OFFSETS]! + 12),
      // Postings said to end before the section does.
      (bytes, at) => bytes.writeUInt32LE(bytes.readUInt32LE(at[POSTINGS]!) - 1, at[POSTINGS]! - 4),
      // A term's postings given one byte more than they hold, the next one byte less.
      (bytes, at) =>
        bytes.writeUInt32LE(bytes.readUInt32LE(at[BYTE_OFFSETS]! + 8) + 1, at[BYTE_OFFSETS]! + 8),
    ];
    for (const [i, damage] of damaged.entries()) {
      const bytes = saved();
      damage(bytes, sections(bytes));
      expect(corruptedBy(resealed(bytes)), `damage ${i}`).toThrow(/^Keyword index is corrupted: /);
    }
  });

  it("refuses a damaged term's postings when a search first uses them, with the same error", () => {
    const bytes = saved();
    const at = sections(bytes);
    // The first term's first posting sent past the last document: the file loads (its checksum
    // is right, resealed) and every other term answers, but a search using that term is refused.
    bytes.writeUInt8(0x7e, at[POSTINGS]! + 4);
    const loaded = deserializeKeywordIndex(resealed(bytes));
    const first = bytes.toString(
      "utf8",
      at[TERMS]! + 4,
      at[TERMS]! + 4 + bytes.readUInt32LE(at[TERM_OFFSETS]! + 8),
    );
    expect(searchKeywordIndex(loaded, "虚拟电厂", 3)).toEqual(
      searchKeywordIndex(index, "虚拟电厂", 3),
    );
    expect(first).toMatch(/^[bcnw]:/);
    const query = first.slice(2);
    expect(() => searchKeywordIndex(loaded, query, 3)).toThrow(
      /^Keyword index is corrupted: a posting of term 0 refers to document/,
    );
  });

  it("decodes every posting in the background after loading, and stops quietly at a damaged one", async () => {
    const loaded = deserializeKeywordIndex(saved());
    expect(loaded.bm25.docs.some((doc) => doc !== 0)).toBe(false);
    await warmKeywordIndex(loaded);
    expect(loaded.bm25.docs).toEqual(index.bm25.docs);
    expect(loaded.bm25.maxTf).toEqual(index.bm25.maxTf);
    expect(searchKeywordIndex(loaded, "虚拟电厂", 3)).toEqual(
      searchKeywordIndex(index, "虚拟电厂", 3),
    );

    const bytes = saved();
    bytes.writeUInt8(0x7e, sections(bytes)[POSTINGS]! + 4);
    const damaged = deserializeKeywordIndex(resealed(bytes));
    await expect(warmKeywordIndex(damaged)).resolves.toBeUndefined();
    expect(() => verifyKeywordIndex(damaged)).toThrow(/^Keyword index is corrupted: /);
  });

  it("rejects an index whose ids are not unique", () => {
    const bytes = serializeKeywordIndex(
      buildKeywordIndex([
        { id: "p1", text: "算力" },
        { id: "p2", text: "绿电" },
      ]),
    );
    const ids = sections(bytes)[IDS]! + 4;
    expect(bytes.toString("utf8", ids, ids + 4)).toBe("p1p2");
    bytes.write("p1", ids + 2, "utf8");
    expect(corruptedBy(resealed(bytes))).toThrow(
      /^Keyword index is corrupted: document ids are not unique/,
    );
  });

  it("reports an index built by another tokenizer as stale", () => {
    const bytes = serializeKeywordIndex({ ...index, tokenizer: "zh-0-00000000" });
    expect(sections(bytes)[TOKENIZER]).toBe(20);
    const error = (() => {
      try {
        deserializeKeywordIndex(bytes);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(KeywordIndexError);
    expect(error).toMatchObject({
      kind: "stale",
      message: expect.stringMatching(/^Keyword index is stale: .*rebuild/),
    });
  });
});
