import { describe, expect, test } from "vitest";
import { downloadNameFor, downloadNames, extensionOf, movedDownload, pickDownload } from "~/lib/downloads";

describe("download names", () => {
  test("every allowed name ends in a known extension", () => {
    for (const names of Object.values(downloadNames)) for (const name of names) expect(extensionOf(name), name).not.toBeNull();
  });

  test("a $bestand segment is accepted only when it is one of the kind's names", () => {
    expect(pickDownload("nota", "nota-van-beantwoording.csv")).toEqual({ name: "nota-van-beantwoording.csv", stem: "nota-van-beantwoording", extension: "csv" });
    expect(pickDownload("openData", "acties.csv")?.stem).toBe("acties");
    for (const bad of [undefined, "", "bestand", "nota-van-beantwoording.html", "NOTA-VAN-BEANTWOORDING.PDF", "../nota-van-beantwoording.pdf", "rode-draad.pdf"])
      expect(pickDownload("nota", bad), String(bad)).toBeNull();
  });

  test("the name for a format is the kind's name with that extension, none for a format it does not have", () => {
    expect(downloadNameFor("letter", "docx")).toBe("antwoordbrief.docx");
    expect(downloadNameFor("letter", "csv")).toBeNull();
    expect(downloadNameFor("letter", null)).toBeNull();
  });

  test("an old ?formaat= address moves to the file name and keeps the rest of its query", () => {
    expect(movedDownload("http://x/beheer/visies/v/nota/bestand?ronde=r&formaat=csv&groep=organisatie", "/beheer/visies/v/nota", "nota", "pdf")).toBe(
      "/beheer/visies/v/nota/nota-van-beantwoording.csv?ronde=r&groep=organisatie",
    );
    expect(movedDownload("http://x/rode-draad/bestand", "/r", "threadReport", "pdf")).toBe("/r/rode-draad.pdf");
    expect(movedDownload("http://x/rode-draad/bestand?formaat=csv", "/r", "threadReport", "pdf")).toBeNull();
  });
});
