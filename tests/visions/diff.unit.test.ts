import { describe, expect, it } from "vitest";
import {
  compareVersions,
  diffWords,
  renderDiffHtml,
  summariseChanges,
  type DiffToken,
  type VersionSection,
} from "~/visions/diff";

function section(
  key: string,
  parentKey: string | null,
  position: number,
  title: string,
  plainText = "",
): VersionSection {
  return { key, parentKey, position, kind: "paragraaf", number: null, title, plainText };
}

const join = (tokens: DiffToken[], skip: DiffToken["type"]) =>
  tokens
    .filter((t) => t.type !== skip)
    .map((t) => t.text)
    .join("");

function expectWellFormed(a: string, b: string, tokens: DiffToken[]) {
  expect(join(tokens, "insert")).toBe(a);
  expect(join(tokens, "delete")).toBe(b);
  for (let i = 0; i < tokens.length; i++) {
    expect(tokens[i].text).not.toBe("");
    if (i > 0) expect(tokens[i].type).not.toBe(tokens[i - 1].type);
  }
}

/** Small deterministic PRNG (mulberry32) so failures are reproducible. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = [
  "de",
  "het",
  "jeugdhulp",
  "regio",
  "kinderen",
  "ouders",
  "zorg",
  "nabij",
  "passend",
  "één",
  "café",
  "2026",
  "3.2",
  " ",
  " ",
  " ",
  "  ",
  "\n",
  "\n\n",
  "\t",
  ".",
  ",",
  ";",
  "(",
  ")",
  "<script>",
  "&",
  '"',
  "'",
  "—",
  "👍",
  "e\u0301",
  "\u00AD",
];

function randomText(next: () => number, maxParts: number): string {
  const parts = Math.floor(next() * maxParts);
  let text = "";
  for (let i = 0; i < parts; i++) text += VOCABULARY[Math.floor(next() * VOCABULARY.length)];
  return text;
}

/** Applies a few random edits to a text's parts so inputs are related, as versions are. */
function mutate(next: () => number, text: string): string {
  const parts = text.split(/(\s+)/);
  const edits = Math.floor(next() * 5);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (parts.length + 1));
    const choice = next();
    if (choice < 0.33) parts.splice(at, 1);
    else if (choice < 0.66) parts.splice(at, 0, randomText(next, 4));
    else parts[at] = randomText(next, 3);
  }
  return parts.join("");
}

describe("diffWords", () => {
  it("marks a replaced word inline", () => {
    expect(diffWords("De kat zit op de mat.", "De hond zit op de mat.")).toEqual([
      { type: "equal", text: "De " },
      { type: "delete", text: "kat" },
      { type: "insert", text: "hond" },
      { type: "equal", text: " zit op de mat." },
    ]);
  });

  it("marks inserted and deleted words", () => {
    expect(diffWords("Hulp moet dichtbij zijn.", "Hulp moet snel en dichtbij zijn.")).toEqual([
      { type: "equal", text: "Hulp moet " },
      { type: "insert", text: "snel en " },
      { type: "equal", text: "dichtbij zijn." },
    ]);
    expect(diffWords("Wij willen echt samenwerken.", "Wij willen samenwerken.")).toEqual([
      { type: "equal", text: "Wij willen " },
      { type: "delete", text: "echt " },
      { type: "equal", text: "samenwerken." },
    ]);
  });

  it("folds short equal stretches into a rewritten phrase", () => {
    expect(diffWords("de grote kat", "het kleine kat")).toEqual([
      { type: "delete", text: "de grote" },
      { type: "insert", text: "het kleine" },
      { type: "equal", text: " kat" },
    ]);
  });

  it("handles empty and identical inputs", () => {
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("zelfde", "zelfde")).toEqual([{ type: "equal", text: "zelfde" }]);
    expect(diffWords("", "nieuw")).toEqual([{ type: "insert", text: "nieuw" }]);
    expect(diffWords("oud", "")).toEqual([{ type: "delete", text: "oud" }]);
  });

  it("re-joins exactly to both inputs (random property test)", () => {
    const next = random(20260401);
    for (let i = 0; i < 400; i++) {
      const a = randomText(next, 40);
      const b = i % 4 === 0 ? randomText(next, 40) : mutate(next, a);
      expectWellFormed(a, b, diffWords(a, b));
    }
  });

  it("re-joins exactly on the paragraph and whole-text fallbacks", () => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const a = randomText(next, 60);
      const b = i % 3 === 0 ? randomText(next, 60) : mutate(next, a);
      for (const maxEditDistance of [0, 1, 3]) expectWellFormed(a, b, diffWords(a, b, { maxEditDistance }));
    }
  });
});

describe("diffWords fallback", () => {
  it("diffs sentence by sentence when the whole text has too many word edits", () => {
    const a = "Een twee drie vier. Vijf zes zeven acht. Negen tien elf twaalf.";
    const b = "Een 2 3 vier. Vijf 6 7 acht. Negen 10 11 twaalf.";
    // 12 word-level edits, 6 sentence-level edits, 4 word-level edits per sentence.
    const tokens = diffWords(a, b, { maxEditDistance: 6 });
    expectWellFormed(a, b, tokens);
    expect(tokens).toEqual(diffWords(a, b));
    expect(renderDiffHtml(tokens)).toBe(
      "Een <del>twee drie</del><ins>2 3</ins> vier. Vijf <del>zes zeven</del><ins>6 7</ins> acht. " +
        "Negen <del>tien elf</del><ins>10 11</ins> twaalf.",
    );
  });

  it("replaces whole paragraphs when there are too many word edits", () => {
    const a = "Eerste alinea blijft.\nTweede alinea is oud en gaat weg.\nDerde blijft ook.";
    const b = "Eerste alinea blijft.\nTweede alinea werd helemaal anders, echt.\nDerde blijft ook.";
    const tokens = diffWords(a, b, { maxEditDistance: 3 });
    expectWellFormed(a, b, tokens);
    expect(tokens).toEqual([
      { type: "equal", text: "Eerste alinea blijft.\nTweede alinea " },
      { type: "delete", text: "is oud en gaat weg" },
      { type: "insert", text: "werd helemaal anders, echt" },
      { type: "equal", text: ".\nDerde blijft ook." },
    ]);
  });
});

describe("renderDiffHtml", () => {
  it("wraps changes in ins/del and escapes everything", () => {
    const html = renderDiffHtml(diffWords("Tekst <b>oud</b> & meer", 'Tekst <script>alert("x")</script> & meer'));
    expect(html).toBe(
      "Tekst &lt;<del>b&gt;oud&lt;/b</del><ins>script&gt;alert(&quot;x&quot;)&lt;/script</ins>&gt; &amp; meer",
    );
    expect(html.replace(/<\/?(ins|del)>/g, "")).not.toMatch(/[<>]/);
    expect(renderDiffHtml([{ type: "insert", text: "<script>alert(1)</script>" }])).toBe(
      "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>",
    );
    expect(
      renderDiffHtml([
        { type: "equal", text: "a " },
        { type: "delete", text: "'b'" },
        { type: "insert", text: "<c>" },
      ]),
    ).toBe("a <del>&#39;b&#39;</del><ins>&lt;c&gt;</ins>");
  });
});

describe("compareVersions", () => {
  const older = [
    section("h1", null, 1, "Inleiding", "Wij willen dat kinderen thuis opgroeien."),
    section("p1", "h1", 1, "Aanleiding", "De wet verandert."),
    section("p2", "h1", 2, "Doel", "Hulp dichtbij."),
    section("h2", null, 2, "Bouwstenen", ""),
    section("b1", "h2", 1, "Bouwsteen 1", "Preventie."),
    section("b2", "h2", 2, "Bouwsteen 2", "Wachttijden."),
    section("b3", "h2", 3, "Bouwsteen 3", "Crisis."),
    section("gone", "h2", 4, "Vervallen", "Deze tekst verdwijnt."),
    section("h3", null, 3, "Begrippen", "Lijst."),
  ];

  it("reports everything unchanged for identical versions", () => {
    const changes = compareVersions(older, older);
    expect(changes.map((c) => c.status)).toEqual(Array(older.length).fill("unchanged"));
    expect(changes.map((c) => c.key)).toEqual(["h1", "p1", "p2", "h2", "b1", "b2", "b3", "gone", "h3"]);
    expect(changes[0].textDiff).toEqual([{ type: "equal", text: "Wij willen dat kinderen thuis opgroeien." }]);
  });

  it("detects added, removed, moved and changed sections in reading order", () => {
    const newer = [
      // Shuffled input order: reading order comes from parentKey + position.
      section("h3", null, 30, "Begrippen", "Lijst."),
      section("h2", null, 20, "Bouwstenen", ""),
      section("h1", null, 10, "Inleiding", "Wij willen dat alle kinderen thuis opgroeien."),
      section("p1", "h1", 1, "Aanleiding", "De wet verandert."),
      section("new", "h1", 2, "Nieuw", "Een nieuwe paragraaf."),
      section("p2", "h1", 3, "Doel", "Hulp dichtbij."),
      // b3 moved before b1 within the same parent.
      section("b3", "h2", 0, "Bouwsteen 3", "Crisis."),
      section("b1", "h2", 1, "Bouwsteen 1", "Preventie."),
      section("b2", "h2", 2, "Bouwsteen twee", "Wachttijden."),
    ];
    const changes = compareVersions(older, newer);
    expect(changes.map((c) => [c.key, c.status, c.moved])).toEqual([
      ["h1", "changed", false],
      ["p1", "unchanged", false],
      ["new", "added", false],
      ["p2", "unchanged", false],
      ["h2", "unchanged", false],
      ["b3", "moved", true],
      ["b1", "unchanged", false],
      ["b2", "changed", false],
      ["gone", "removed", false],
      ["h3", "unchanged", false],
    ]);

    const h1 = changes[0];
    expect(h1.titleChanged).toBe(false);
    expect(h1.textDiff).toEqual([
      { type: "equal", text: "Wij willen dat " },
      { type: "insert", text: "alle " },
      { type: "equal", text: "kinderen thuis opgroeien." },
    ]);
    const b2 = changes[7];
    expect(b2.titleChanged).toBe(true);
    expect(b2.titleDiff).toEqual([
      { type: "equal", text: "Bouwsteen " },
      { type: "delete", text: "2" },
      { type: "insert", text: "twee" },
    ]);
    expect(changes[2].newer?.title).toBe("Nieuw");
    expect(changes[2].older).toBeUndefined();
    expect(changes[2].textDiff).toEqual([{ type: "insert", text: "Een nieuwe paragraaf." }]);
    expect(changes[8].older?.title).toBe("Vervallen");
    expect(changes[8].newer).toBeUndefined();
    expect(changes[8].titleDiff).toEqual([{ type: "delete", text: "Vervallen" }]);
    expect(changes[8].textDiff).toEqual([{ type: "delete", text: "Deze tekst verdwijnt." }]);

    expect(summariseChanges(changes)).toEqual({ added: 1, removed: 1, moved: 1, changed: 2, unchanged: 5 });
  });

  it("does not mark siblings as moved when only positions shift", () => {
    const newer = older
      .filter((s) => s.key !== "b1")
      .map((s) => (s.parentKey === "h2" ? { ...s, position: s.position * 10 } : s));
    const changes = compareVersions(older, newer);
    expect(changes.filter((c) => c.moved)).toEqual([]);
    expect(changes.find((c) => c.key === "b1")?.status).toBe("removed");
    // The removed first child sits right after its former parent.
    expect(changes.map((c) => c.key).slice(3, 6)).toEqual(["h2", "b1", "b2"]);
  });

  it("detects a section that moved to another parent and changed", () => {
    const newer = older.map((s) =>
      s.key === "p2" ? { ...s, parentKey: "h2", position: 5, plainText: "Hulp dichtbij en op tijd." } : s,
    );
    const changes = compareVersions(older, newer);
    const p2 = changes.find((c) => c.key === "p2");
    expect(p2).toMatchObject({ status: "changed", moved: true, titleChanged: false });
    expect(p2?.textDiff).toEqual([
      { type: "equal", text: "Hulp dichtbij" },
      { type: "insert", text: " en op tijd" },
      { type: "equal", text: "." },
    ]);
    expect(changes.map((c) => c.key)).toEqual(["h1", "p1", "h2", "b1", "b2", "b3", "gone", "p2", "h3"]);
    expect(changes.filter((c) => c.key !== "p2").every((c) => c.status === "unchanged" && !c.moved)).toBe(true);
    expect(summariseChanges(changes)).toEqual({ added: 0, removed: 0, moved: 1, changed: 1, unchanged: 8 });
  });

  it("places a removed section after its former previous sibling's subtree", () => {
    const base = [
      section("a", null, 1, "A"),
      section("a1", "a", 1, "A1"),
      section("b", null, 2, "B"),
      section("c", null, 3, "C"),
    ];
    const newer = [
      section("a", null, 1, "A"),
      section("a1", "a", 1, "A1"),
      section("a2", "a", 2, "A2"),
      section("c", null, 3, "C"),
    ];
    expect(compareVersions(base, newer).map((c) => [c.key, c.status])).toEqual([
      ["a", "unchanged"],
      ["a1", "unchanged"],
      ["a2", "added"],
      ["b", "removed"],
      ["c", "unchanged"],
    ]);
  });

  it("keeps a removed subtree together and in place", () => {
    const base = [
      section("a", null, 1, "A"),
      section("b", null, 2, "B"),
      section("b1", "b", 1, "B1"),
      section("b2", "b", 2, "B2"),
      section("c", null, 3, "C"),
    ];
    const newer = [section("a", null, 1, "A"), section("c", null, 3, "C")];
    expect(compareVersions(base, newer).map((c) => `${c.key}:${c.status}`)).toEqual([
      "a:unchanged",
      "b:removed",
      "b1:removed",
      "b2:removed",
      "c:unchanged",
    ]);
  });

  it("treats a kind change as a change", () => {
    const newer = older.map((s) => (s.key === "b1" ? { ...s, kind: "afspraak" } : s));
    const b1 = compareVersions(older, newer).find((c) => c.key === "b1");
    expect(b1).toMatchObject({ status: "changed", moved: false, titleChanged: false });
    expect(b1?.textDiff).toEqual([{ type: "equal", text: "Preventie." }]);
  });

  it("is fast enough for two 60-section versions of ~1500 words per section", () => {
    const next = random(42);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    // A Zipf-ish vocabulary: frequent function words plus ~2000 synthetic content words.
    const functionWords = ["de", "het", "een", "en", "van", "in", "op", "dat", "die", "met", "voor", "wij", "is"];
    const syllables = [
      "jeugd",
      "hulp",
      "re",
      "gio",
      "kin",
      "de",
      "ren",
      "ou",
      "ders",
      "zorg",
      "na",
      "bij",
      "pas",
      "send",
    ];
    const contentWords = Array.from({ length: 2000 }, () => pick(syllables) + pick(syllables) + pick(syllables));
    const word = () => (next() < 0.4 ? pick(functionWords) : pick(contentWords));
    const paragraph = (count: number) => {
      const out: string[] = [];
      for (let i = 0; i < count; i++) {
        out.push(word() + (next() < 0.07 ? "." : next() < 0.05 ? "," : ""));
        if (next() < 0.01) out.push("\n\n");
      }
      return out.join(" ");
    };
    /** Replaces about `share` of the words. */
    const edit = (text: string, share: number) =>
      text
        .split(" ")
        .map((w) => (next() < share ? word() : w))
        .join(" ");
    const before: VersionSection[] = [];
    const after: VersionSection[] = [];
    for (let i = 0; i < 60; i++) {
      const text = paragraph(1500);
      before.push(section(`s${i}`, null, i, `Sectie ${i}`, text));
      const variants = [text, mutate(next, text), edit(text, 0.05), edit(text, 0.4), paragraph(1500)];
      after.push(section(`s${i}`, null, i, `Sectie ${i}`, variants[i % variants.length]));
    }
    const started = performance.now();
    const changes = compareVersions(before, after);
    const elapsed = performance.now() - started;
    console.info(
      `compareVersions 60 × 1500 words (unchanged, few edits, 5 %, 40 %, rewritten): ${elapsed.toFixed(0)} ms`,
    );
    expect(changes).toHaveLength(60);
    for (const change of changes) {
      expectWellFormed(change.older!.plainText, change.newer!.plainText, change.textDiff);
    }
  });
});
