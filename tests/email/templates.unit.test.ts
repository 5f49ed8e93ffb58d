import { describe, expect, test } from "vitest";
import { emailNames, emailTemplates } from "../../emails";
import { retryDelayMs } from "~/email/backoff";
import { headerSafe } from "~/email/headers";
import { renderEmail } from "~/email/render.server";
import type { EmailInput } from "~/email/render.server";

const context = { appUrl: "https://herleidbaar.test", preferencesUrl: "https://herleidbaar.test/account/meldingen" };

describe.each(emailNames)("template %s", (name) => {
  const definition = emailTemplates[name];
  const sample = definition.sample as EmailInput<typeof name>;

  test("renders accessible HTML and a plain-text part that says why and how to change it", async () => {
    const email = await renderEmail(name, sample, context);
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject).not.toMatch(/[\r\n]/);
    for (const part of [email.subject, email.html, email.text]) {
      expect(part).not.toMatch(/undefined|NaN|\[object Object\]|Invalid Date/);
    }
    // Accessible HTML that Outlook renders: language, title, one h1, layout tables marked presentational.
    expect(email.html).toMatch(/<html[^>]*lang="nl"/);
    expect(email.html).toMatch(/<title>[^<]+<\/title>/);
    expect(email.html.match(/<h1/g)).toHaveLength(1);
    expect(email.html).toContain('role="presentation"');
    expect(email.html).not.toMatch(/<script|<img/);
    // Plain text: readable on its own, no markup, with the reason and (for notifications) the setting.
    expect(email.text).not.toMatch(/<[a-z]/i);
    expect(email.text).toContain("Waarom krijgt u deze e-mail?");
    if (definition.category === "essential") {
      expect(email.text).toContain("hoort bij de adviesprocedure");
    } else {
      expect(email.text).toContain(context.preferencesUrl);
      expect(email.html).toContain(`href="${context.preferencesUrl}"`);
    }
    expect(definition.summary(definition.schema.parse(sample) as never).length).toBeGreaterThan(5);
  });

  test("refuses incomplete data", () => {
    expect(() => definition.schema.parse({})).toThrow();
  });
});

describe("template details", () => {
  test("the reminder says how long is left, in Dutch time", async () => {
    const base = emailTemplates.herinnering.sample;
    const week = await renderEmail("herinnering", { ...base, daysLeft: 7, closesAt: "2027-03-20T16:00:00Z" }, context);
    const day = await renderEmail("herinnering", { ...base, daysLeft: 1, closesAt: "2027-07-20T15:00:00Z" }, context);
    expect(week.subject).toMatch(/^Herinnering: nog 7 dagen/);
    expect(week.text).toContain("zaterdag 20 maart 2027 om 17:00");
    expect(day.subject).toMatch(/^Laatste herinnering/);
    expect(day.text).toContain("dinsdag 20 juli 2027 om 17:00");
  });

  test("user text is escaped in HTML, and a link must be http(s)", async () => {
    const base = emailTemplates.adviesaanvraag.sample;
    const email = await renderEmail("adviesaanvraag", { ...base, message: "<script>alert(1)</script> & meer" }, context);
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.text).toContain("<script>alert(1)</script> & meer");
    await expect(renderEmail("adviesaanvraag", { ...base, link: "javascript:alert(1)" }, context)).rejects.toThrow();
  });

  test("the invitation keeps the subject the existing invitations use", async () => {
    const email = await renderEmail("uitnodiging", emailTemplates.uitnodiging.sample, context);
    expect(email.subject).toBe("Uitnodiging voor Herleidbaar: Adviesraad Sociaal Domein Vlaardingen");
    expect(email.text).toContain(emailTemplates.uitnodiging.sample.link);
  });
});

describe("headers and backoff", () => {
  test("headerSafe removes every line break and control character", () => {
    expect(headerSafe("a\r\nBcc: x@y\u2028z\u0000")).toBe("a Bcc: x@y z");
  });

  test("exponential backoff with a cap, and jitter within ±20%", () => {
    const options = { baseMs: 60_000, maxMs: 3_600_000, jitter: 0 };
    expect([1, 2, 3, 4, 7, 8, 30].map((n) => retryDelayMs(n, options))).toEqual([60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000, 3_600_000]);
    const jittered = Array.from({ length: 50 }, (_, i) => retryDelayMs(3, { ...options, jitter: 0.2 }, () => i / 49));
    expect(Math.min(...jittered)).toBe(192_000);
    expect(Math.max(...jittered)).toBe(288_000);
  });
});
