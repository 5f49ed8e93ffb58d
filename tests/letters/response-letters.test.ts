import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, files, jobs, outboxAttachments, outboxMessages, responseLetters, users } from "~db/schema";
import {
  renderAllFixedLetters,
  queueRenderAll,
  letterFile,
  saveResponseLetter,
  transitionResponseLetter,
  LetterError,
} from "~/letters/response-letters.server";
import { buildResponseLetter, letterTexts, loadLetterContext } from "~/letters/response-letter-model.server";
import { saveResponseLetterTemplate, getResponseLetterTemplate } from "~/letters/templates.server";
import type { Database } from "~/lib/db.server";
import { answerPoints, letterForm, letterScenario, type LetterScenario } from "../factories/letters";
import { createRegionRecord, createUserRecord } from "../factories";
import { viewerForUser } from "~/auth/guards.server";
import { useTestDatabase } from "../setup/db";
import { readDocx, readPdf, squash } from "./render-helpers";

let database: Database;
let s: LetterScenario;

beforeAll(async () => {
  database = await useTestDatabase();
  s = await letterScenario(database.db);
});

async function letterRow(reactionId: string) {
  const [row] = await database.db.select().from(responseLetters).where(eq(responseLetters.reactionId, reactionId));
  return row!;
}

async function expectRefusal(promise: Promise<unknown>, pattern: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LetterError);
  expect((error as Error).message).toMatch(pattern);
}

describe("antwoordbrief workflow", () => {
  test("the sender is the college of the municipality the advies was addressed to, with uw kenmerk and uw brief van", async () => {
    const ctx = (await loadLetterContext(database.db, s.vision.id, s.reactionIds.ADV!))!;
    const doc = buildResponseLetter(ctx, await letterTexts(database.db, ctx), new Date("2026-06-12T10:00:00Z"));
    expect(doc.sender.name).toBe("Gemeente Westerhaven");
    expect(doc.closingFormula).toBe("Hoogachtend,");
    expect(doc.references.theirReference).toBe("ADV-2026-07");
    expect(doc.references.theirLetterDate).toBe("2026-02-27");
    expect(doc.recipient.addressLines).toEqual(["Stadhuisplein 1", "1000 AB Westerhaven"]);
    // Points in point order, each with its own text quoted.
    const headings = doc.body.filter((b) => b.type === "heading").map((b) => (b.type === "heading" ? b.text : ""));
    expect(headings).toEqual([
      expect.stringMatching(/^Punt ADV-1, over .*Nabij/),
      expect.stringMatching(/^Punt ADV-2, over .*Casusregie/),
      "Punt ADV-3, algemeen",
    ]);
  });

  test("the provider's letter is sent by the region itself", async () => {
    const ctx = (await loadLetterContext(database.db, s.vision.id, s.reactionIds.AAN!))!;
    expect(ctx.sender.isCollege).toBe(false);
    expect(ctx.sender.organisationId).toBe(s.regionOrganisation.id);
  });

  test("a letter text with an unknown placeholder is refused, naming it, and nothing is written", async () => {
    await expectRefusal(
      saveResponseLetter(
        database.db,
        s.editor,
        s.vision.id,
        s.reactionIds.ADV!,
        letterForm({ introduction: "Beste {voornaam}, dank voor uw reactie." }),
      ),
      /onbekende plaatshouder: \{voornaam\}/,
    );
    const rows = await database.db
      .select()
      .from(responseLetters)
      .where(eq(responseLetters.reactionId, s.reactionIds.ADV!));
    expect(rows).toEqual([]);
  });

  test("finalising a letter with unanswered points is refused, listing the missing references", async () => {
    const advPoints = await s.pointsOf("ADV");
    await answerPoints(database.db, advPoints.slice(0, 1));
    await answerPoints(database.db, advPoints.slice(1, 2), { status: "in_behandeling" });
    const saved = await saveResponseLetter(database.db, s.editor, s.vision.id, s.reactionIds.ADV!, letterForm());
    expect(saved.status).toBe("concept");
    const toReview = await transitionResponseLetter(database.db, s.editor, s.vision.id, s.reactionIds.ADV!, {
      revision: saved.revision,
      to: "ter_goedkeuring",
    });
    expect(toReview.status).toBe("ter_goedkeuring");
    await expectRefusal(
      transitionResponseLetter(database.db, s.admin, s.vision.id, s.reactionIds.ADV!, {
        revision: toReview.revision,
        to: "vastgesteld",
      }),
      /ADV-2, ADV-3 hebben nog geen antwoord/,
    );
    const row = await letterRow(s.reactionIds.ADV!);
    expect({ status: row.status, snapshot: row.snapshot, pdf: row.pdfFileId }).toEqual({
      status: "ter_goedkeuring",
      snapshot: null,
      pdf: null,
    });
  });

  test("only a staff admin can fix a letter", async () => {
    await answerPoints(database.db, await s.pointsOf("ADV"));
    const row = await letterRow(s.reactionIds.ADV!);
    await expectRefusal(
      transitionResponseLetter(database.db, s.editor, s.vision.id, s.reactionIds.ADV!, {
        revision: row.revision,
        to: "vastgesteld",
      }),
      /Alleen een regiobeheerder/,
    );
  });

  test("an edit based on an older revision is refused (optimistic locking)", async () => {
    const row = await letterRow(s.reactionIds.ADV!);
    await expectRefusal(
      saveResponseLetter(
        database.db,
        s.editor,
        s.vision.id,
        s.reactionIds.ADV!,
        letterForm({ revision: row.revision - 1 }),
      ),
      /intussen gewijzigd/,
    );
  });

  test("fixing freezes the letter model and stores a PDF and a DOCX that contain every point and answer", async () => {
    const row = await letterRow(s.reactionIds.ADV!);
    const fixed = await transitionResponseLetter(database.db, s.admin, s.vision.id, s.reactionIds.ADV!, {
      revision: row.revision,
      to: "vastgesteld",
    });
    expect(fixed.status).toBe("vastgesteld");
    expect(fixed.snapshot).toMatchObject({
      type: "letter",
      references: { letterNumber: "2051077", date: "2026-06-12" },
    });
    const [pdfFile] = await database.db.select().from(files).where(eq(files.id, fixed.pdfFileId!));
    const [docxFile] = await database.db.select().from(files).where(eq(files.id, fixed.docxFileId!));
    expect(pdfFile!.mime).toBe("application/pdf");
    const pdf = await readPdf(new Uint8Array(pdfFile!.content));
    const docx = await readDocx(new Uint8Array(docxFile!.content));
    for (const p of await s.pointsOf("ADV")) {
      for (const text of [squash(pdf.text), squash(docx.text)]) {
        expect(text).toContain(squash(`Punt ${p.reference}`));
        expect(text).toContain(squash(p.plainText));
        expect(text).toContain(squash(`Antwoord op ${p.reference}: wij nemen dit mee in de visie.`));
      }
    }
    expect(squash(pdf.text)).toContain(
      squash("Dank voor uw reactie van 27 februari 2026 namens Adviesraad Westerhaven (uw kenmerk ADV-2026-07)."),
    );
    expect(squash(pdf.text)).toContain(squash("Burgemeester en wethouders van Westerhaven,"));
    expect(squash(pdf.text)).toContain(
      squash("Wilt u bij beantwoording van deze brief het briefnummer 2051077 vermelden?"),
    );
    expect(pdf.info.Language).toBe("nl-NL");
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, fixed.id), eq(auditEvents.action, "response_letter.vastgesteld")));
    expect(audit).toBeDefined();
  });

  test("a fixed letter no longer changes when an answer changes afterwards (it prints its snapshot)", async () => {
    const advPoints = await s.pointsOf("ADV");
    await answerPoints(database.db, advPoints.slice(0, 1), { text: () => "Een later gewijzigd antwoord." });
    const file = await letterFile(database.db, s.editor, s.vision.id, s.reactionIds.ADV!, "pdf");
    expect(squash((await readPdf(new Uint8Array(file!.content))).text)).not.toContain(
      squash("Een later gewijzigd antwoord."),
    );
    await answerPoints(database.db, advPoints.slice(0, 1));
  });

  test("the organisation's members cannot download the letter before it is sent", async () => {
    expect(await letterFile(database.db, s.member, s.vision.id, s.reactionIds.ADV!, "pdf")).toBeNull();
  });

  test("sending queues the e-mail with the PDF attached in the same transaction and records the date", async () => {
    const row = await letterRow(s.reactionIds.ADV!);
    const now = new Date("2026-06-12T14:00:00Z");
    const sent = await transitionResponseLetter(
      database.db,
      s.admin,
      s.vision.id,
      s.reactionIds.ADV!,
      { revision: row.revision, to: "verzonden" },
      now,
    );
    expect(sent.status).toBe("verzonden");
    expect(sent.sentAt).toEqual(now);
    expect(sent.sentById).toBe(s.admin.user.id);
    const messages = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.template, "antwoordbrief-verzonden"));
    const [signatory] = await database.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, s.signatoryUserId));
    // The member and the signatory of the adviesraad, nobody else.
    expect(messages.map((m) => m.toAddress).sort()).toEqual([s.memberUser.email, signatory!.email].sort());
    for (const message of messages) {
      const attachments = await database.db
        .select()
        .from(outboxAttachments)
        .where(eq(outboxAttachments.messageId, message.id));
      expect(attachments).toHaveLength(1);
      expect(attachments[0]!.contentType).toBe("application/pdf");
      expect(Buffer.from(attachments[0]!.content).subarray(0, 5).toString()).toBe("%PDF-");
    }
  });

  test("a sent letter is immutable: editing, re-fixing or going back is refused with a Dutch message", async () => {
    const row = await letterRow(s.reactionIds.ADV!);
    await expectRefusal(
      saveResponseLetter(database.db, s.admin, s.vision.id, s.reactionIds.ADV!, letterForm({ revision: row.revision })),
      /verzonden en kan niet meer/,
    );
    await expectRefusal(
      transitionResponseLetter(database.db, s.admin, s.vision.id, s.reactionIds.ADV!, {
        revision: row.revision,
        to: "concept",
      }),
      /verzonden en kan niet meer/,
    );
    expect(await letterRow(s.reactionIds.ADV!)).toEqual(row);
  });

  test("once sent, the organisation's members download the PDF and DOCX; another region's staff cannot", async () => {
    const pdf = await letterFile(database.db, s.member, s.vision.id, s.reactionIds.ADV!, "pdf");
    const docx = await letterFile(database.db, s.member, s.vision.id, s.reactionIds.ADV!, "docx");
    expect(pdf!.mime).toBe("application/pdf");
    expect(docx!.mime).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const { regionOrganisation } = await createRegionRecord(database.db);
    const otherStaff = await viewerForUser(
      (
        await createUserRecord(database.db, {
          memberships: [{ organisationId: regionOrganisation.id, role: "staff_admin" }],
        })
      ).id,
    );
    expect(await letterFile(database.db, otherStaff, s.vision.id, s.reactionIds.ADV!, "pdf")).toBeNull();
    await expectRefusal(
      saveResponseLetter(database.db, otherStaff, s.vision.id, s.reactionIds.AAN!, letterForm()),
      /Alleen regiomedewerkers/,
    );
  });
});

describe("antwoordbrief template", () => {
  test("an unknown placeholder in the template is refused, naming it; a staff editor cannot change it", async () => {
    await expect(
      saveResponseLetterTemplate(database.db, s.admin, s.region.id, {
        introduction: "Geachte {aanhef},",
        closing: "Groet",
      }),
    ).rejects.toThrow(/onbekende plaatshouder: \{aanhef\}/);
    await expect(
      saveResponseLetterTemplate(database.db, s.editor, s.region.id, { introduction: "Hallo", closing: "Groet" }),
    ).rejects.toThrow(/regiobeheerders/);
    expect((await getResponseLetterTemplate(database.db, s.region.id)).saved).toBe(false);
  });

  test("a saved template fills a new letter's introduction and closing", async () => {
    await saveResponseLetterTemplate(database.db, s.admin, s.region.id, {
      introduction: "Dank, {organisatie}, voor uw {aantal_punten} punten.",
      closing: "Tot slot: {visie}.",
    });
    const ctx = (await loadLetterContext(database.db, s.vision.id, s.reactionIds.AAN!))!;
    const doc = buildResponseLetter(ctx, await letterTexts(database.db, ctx), new Date());
    const texts = doc.body.flatMap((b) => (b.type === "text" && b.content.kind === "plain" ? [b.content.text] : []));
    expect(texts[0]).toBe("Dank, Jeugdzorg Aanbieder, voor uw 2 punten.");
    expect(texts.at(-1)).toBe(`Tot slot: ${s.vision.title}.`);
  });
});

describe("render all vastgestelde letters", () => {
  test("the job re-renders every fixed letter and records its progress", async () => {
    await answerPoints(database.db, await s.pointsOf("AAN"));
    const saved = await saveResponseLetter(
      database.db,
      s.editor,
      s.vision.id,
      s.reactionIds.AAN!,
      letterForm({ letterNumber: "2051078" }),
    );
    const fixed = await transitionResponseLetter(database.db, s.admin, s.vision.id, s.reactionIds.AAN!, {
      revision: saved.revision,
      to: "vastgesteld",
    });
    const jobId = await queueRenderAll(database.db, s.editor, s.region.id, s.vision.id);
    const result = await renderAllFixedLetters(database.db, jobId, {
      visionId: s.vision.id,
      regionId: s.region.id,
      actorId: s.editor.user.id,
    });
    expect(result.rendered).toBe(1); // the sent ADV letter is never re-rendered
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect({ progress: job!.progress, total: job!.total }).toEqual({ progress: 1, total: 1 });
    const after = await letterRow(s.reactionIds.AAN!);
    expect(after.pdfFileId).not.toBe(fixed.pdfFileId);
    expect(await database.db.select().from(files).where(eq(files.id, fixed.pdfFileId!))).toEqual([]);
  });
});
