import { beforeAll, describe, expect, test } from "vitest";
import { pointThemes, themes } from "~db/schema";
import { renderDocx } from "~/letters/docx.server";
import { renderPdf } from "~/letters/pdf.server";
import {
  buildResponseReport,
  buildThreadReport,
  neutraliseCell,
  pickRound,
  responseReportCsv,
} from "~/letters/response-report.server";
import type { Database } from "~/lib/db.server";
import { answerPoints, letterScenario, type LetterScenario } from "../factories/letters";
import { useTestDatabase } from "../setup/db";
import { readDocx, readPdf, squash } from "./render-helpers";

let database: Database;
let s: LetterScenario;

beforeAll(async () => {
  database = await useTestDatabase();
  s = await letterScenario(database.db);
  const adv = await s.pointsOf("ADV");
  const aan = await s.pointsOf("AAN");
  await answerPoints(database.db, adv.slice(0, 2), { disposition: "overgenomen" });
  await answerPoints(database.db, adv.slice(2), {
    disposition: "niet_overgenomen",
    text: () => '=HYPERLINK("http://evil") <script>alert(1)</script>',
  });
  await answerPoints(database.db, aan.slice(0, 1), { disposition: "meegenomen_in_uitvoeringsplan" });
  const [theme] = await database.db
    .insert(themes)
    .values({ visionId: s.vision.id, title: "Wachtlijsten", summary: "Veel organisaties noemen de wachtlijsten." })
    .returning();
  await database.db.insert(pointThemes).values([adv[0]!, aan[0]!].map((p) => ({ pointId: p.id, themeId: theme!.id })));
});

describe("Nota van beantwoording", () => {
  test("lists every point with organisation, reference, anchor, answer and disposition, with totals, in PDF and DOCX", async () => {
    const round = (await pickRound(database.db, s.vision.id, null))!;
    expect(round.id).toBe(s.roundId);
    const report = await buildResponseReport(database.db, s.vision.id, round, "organisatie");
    const pdf = squash((await readPdf(await renderPdf(report))).text);
    const docx = squash((await readDocx(await renderDocx(report))).text);
    for (const text of [pdf, docx]) {
      for (const p of [...(await s.pointsOf("ADV")), ...(await s.pointsOf("AAN"))]) {
        expect(text).toContain(squash(p.reference));
        expect(text).toContain(squash(p.plainText));
      }
      expect(text).toContain(squash("Antwoord op ADV-1: wij nemen dit mee in de visie."));
      expect(text).toContain(squash("Punten die de visie hebben veranderd: 2"));
      expect(text).toContain(squash("Adviesraad Westerhaven"));
      expect(text).toContain(squash("Nog niet beantwoord"));
      // Markup in an answer is printed as text.
      expect(text).toContain(squash("<script>alert(1)</script>"));
    }
  });

  test("groups points by section: the general point under Algemeen", async () => {
    const round = (await pickRound(database.db, s.vision.id, null))!;
    const report = await buildResponseReport(database.db, s.vision.id, round, "onderdeel");
    const groups = report.body
      .filter((b) => b.type === "heading" && b.level === 2)
      .map((b) => (b.type === "heading" ? b.text : ""));
    expect(groups).toContainEqual(expect.stringMatching(/^Algemeen/));
    expect(groups).toContainEqual(expect.stringMatching(/Nabij \(1 punt\)/));
  });

  test("the CSV for Excel has a UTF-8 BOM, semicolons, and formulas neutralised", async () => {
    const round = (await pickRound(database.db, s.vision.id, null))!;
    const csv = await responseReportCsv(database.db, round, "organisatie");
    expect(csv.startsWith("\ufeff")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Kenmerk;Organisatie;Soort organisatie;Onderdeel;Punt;Antwoord;Afweging;Status");
    expect(lines.filter(Boolean)).toHaveLength(1 + 5);
    const adv3 = lines.find((l) => l.startsWith("ADV-3;"))!;
    expect(adv3).toContain(`"'=HYPERLINK(""http://evil"") <script>alert(1)</script>"`);
    expect(adv3).not.toMatch(/;=/);
  });

  test("every cell that Excel would read as a formula gets an apostrophe", () => {
    for (const v of ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCell(v)).toBe(`'${v}`);
    expect(neutraliseCell("gewoon")).toBe("gewoon");
  });
});

describe("rode draad document", () => {
  test("per theme its summary, counts and points", async () => {
    const round = (await pickRound(database.db, s.vision.id, null))!;
    const report = await buildThreadReport(database.db, s.vision.id, round);
    expect(report.title).toBe("Rode draad reacties op de concept-regiovisie");
    const text = squash((await readPdf(await renderPdf(report))).text);
    expect(text).toContain(squash("Veel organisaties noemen de wachtlijsten."));
    expect(text).toContain(squash("Wachtlijsten"));
    expect(text).toContain("ADV-1");
    expect(text).toContain("AAN-1");
    expect(text).toContain(squash("Meegenomen in het uitvoeringsplan"));
  });
});
