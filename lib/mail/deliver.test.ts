import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { resetEnvForTests } from "@/lib/env";
import { deliverPendingMail, kickMailDeliverer, MAX_ATTEMPTS, retryDelayMs, startMailDeliverer } from "./deliver";
import { enqueueMail, type OutgoingMail } from "./outbox";
import { useSmtpCapture } from "@/test/smtp-capture";

const database = useTestDatabase();
const from = "Convene <convene@example.gov>";

type Mode = "accept" | "refuse-rcpt" | "refuse-data";

let mode: Mode = "accept";
const smtp = useSmtpCapture({
  refuseRecipient: (address) => mode === "refuse-rcpt" || address === "refused@agency.gov",
  refuseData: () => mode === "refuse-data",
});
const received = smtp.received;

beforeEach(async () => {
  mode = "accept";
  received.length = 0;
  await database.db.delete(outbox);
});

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: "alice@agency.gov",
    subject: "Your sign-in link",
    text: "Sign in: https://convene.example.gov/api/auth/callback?token=abc",
    kind: "sign-in",
    ...overrides,
  };
}

async function row(id: number) {
  const [found] = await database.db.select().from(outbox).where(eq(outbox.id, id));
  if (!found) throw new Error(`no outbox row ${id}`);
  return found;
}

const deliver = (options: { now?: Date; batchSize?: number } = {}) => deliverPendingMail({ transport: smtp.transport, from, ...options });

describe("deliverPendingMail", () => {
  it("sends an enqueued message once and marks it sent", async () => {
    const id = await enqueueMail(database.db, mail({ headers: { "X-Convene-Kind": "sign-in" } }));

    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message?.to).toEqual(["alice@agency.gov"]);
    expect(message?.from).toBe("convene@example.gov");
    expect(message?.raw).toMatch(/^Subject: Your sign-in link\r?$/m);
    expect(message?.raw).toMatch(/^To: alice@agency\.gov\r?$/m);
    expect(message?.raw).toMatch(/^X-Convene-Kind: sign-in\r?$/m);
    expect(message?.raw).toMatch(new RegExp(`^Message-ID: <convene\\.${id}\\.\\d+@example\\.gov>`, "m"));

    const stored = await row(id);
    expect(stored.status).toBe("sent");
    expect(stored.sentAt).toBeInstanceOf(Date);
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toBeNull();

    expect(await deliver({ now: new Date(Date.now() + 24 * 3600_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
  });

  it("sends a calendar invite as text/calendar; method=REQUEST with an .ics attachment", async () => {
    const content = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Convene//EN",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
      "UID:event-1@convene.example.gov",
      "SEQUENCE:0",
      "DTSTART:20300101T170000Z",
      "DTEND:20300101T180000Z",
      "SUMMARY:Plain language workshop",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    await enqueueMail(
      database.db,
      mail({
        subject: "Invitation: Plain language workshop",
        kind: "invite",
        calendar: { method: "REQUEST", content, filename: "invite.ics" },
      }),
    );

    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const raw = received[0]?.raw ?? "";
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8;\s+method=REQUEST/);
    expect(raw).toContain("method=REQUEST");
    expect(raw).toMatch(/Content-Type: application\/ics; name=invite\.ics/);
    expect(raw).toContain("Content-Disposition: attachment");
  });

  it.each<Mode>(["refuse-rcpt", "refuse-data"])("keeps a message the server refuses (%s) for a later attempt, then sends it once", async (refusal) => {
    const id = await enqueueMail(database.db, mail());
    mode = refusal;
    const before = Date.now();

    expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(received).toHaveLength(0);
    const waiting = await row(id);
    expect(waiting.status).toBe("pending");
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toMatch(/451/);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(before + retryDelayMs(1) - 5_000);

    mode = "accept";
    // Not due yet: the backoff holds it back.
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(received).toHaveLength(0);

    const afterBackoff = new Date(waiting.nextAttemptAt.getTime() + 1_000);
    expect(await deliver({ now: afterBackoff })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await deliver({ now: new Date(afterBackoff.getTime() + 3600_000) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(received).toHaveLength(1);
    const sent = await row(id);
    expect(sent.status).toBe("sent");
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toBeNull();
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4, 8, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3600_000, 3600_000]);
  });

  it("gives up after the last attempt fails", async () => {
    const id = await enqueueMail(database.db, mail());
    await database.db
      .update(outbox)
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .where(eq(outbox.id, id));
    mode = "refuse-rcpt";

    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const failed = await row(id);
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(MAX_ATTEMPTS);
    expect(failed.lastError).toMatch(/451/);
    expect(failed.failedAt).not.toBeNull();

    mode = "accept";
    expect(await deliver({ now: new Date(Date.now() + 24 * 3600_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });

  it("goes on past a message the server refuses: the others in the batch are sent", async () => {
    const refused = await enqueueMail(database.db, mail({ to: "refused@agency.gov" }));
    const fine = await enqueueMail(database.db, mail());
    expect(await deliver()).toEqual({ sent: 1, retried: 1, failed: 0 });
    expect((await row(refused)).status).toBe("pending");
    expect((await row(fine)).status).toBe("sent");
  });

  it("fails without sending a row whose last attempt never finished (lease expired)", async () => {
    const id = await enqueueMail(database.db, mail());
    await database.db.update(outbox).set({ attempts: MAX_ATTEMPTS }).where(eq(outbox.id, id));

    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(received).toHaveLength(0);
    expect((await row(id)).status).toBe("failed");
  });

  it("retries a row claimed by an instance that crashed, once its lease runs out", async () => {
    const id = await enqueueMail(database.db, mail());
    // Claim it with a transport that never returns, as if the process died mid-send.
    const stuck = deliverPendingMail({ transport: { sendMail: () => new Promise(() => {}) }, from });
    await expect.poll(async () => (await row(id)).attempts).toBe(1);
    void stuck;

    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await deliver({ now: new Date(Date.now() + 6 * 60_000) })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
  });

  it("never sends a row twice when several deliverers run at once", async () => {
    const count = 30;
    for (let index = 0; index < count; index++) {
      await enqueueMail(database.db, mail({ subject: `Message ${index}` }));
    }

    const worker = async () => {
      let sent = 0;
      for (;;) {
        const result = await deliver({ batchSize: 4 });
        if (result.sent + result.retried + result.failed === 0) return sent;
        sent += result.sent;
      }
    };
    const totals = await Promise.all([worker(), worker(), worker(), worker(), worker()]);

    expect(totals.reduce((sum, value) => sum + value, 0)).toBe(count);
    const subjects = received.map((message) => /^Subject: (.*?)\r?$/m.exec(message.raw)?.[1]);
    expect(subjects).toHaveLength(count);
    expect(new Set(subjects).size).toBe(count);
    const rows = await database.db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox);
    expect(rows.every((stored) => stored.status === "sent" && stored.attempts === 1)).toBe(true);
  });
});

describe("startMailDeliverer", () => {
  afterAll(() => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
  });

  it("does nothing without SMTP_URL", async () => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
    await enqueueMail(database.db, mail());
    const stop = startMailDeliverer();
    kickMailDeliverer();
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop();
    expect(received).toHaveLength(0);
  });

  it("sends at start and again when kicked, from one shared deliverer", async () => {
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
    await enqueueMail(database.db, mail({ subject: "First" }));

    // A long interval, so only the first run and the kick can send.
    const stop = startMailDeliverer({ intervalMs: 600_000 });
    try {
      expect(startMailDeliverer()).toBe(stop);
      await expect.poll(() => received.length).toBe(1);

      await enqueueMail(database.db, mail({ subject: "Second" }));
      kickMailDeliverer();
      await expect.poll(() => received.length).toBe(2);
    } finally {
      stop();
    }

    await enqueueMail(database.db, mail({ subject: "After stop" }));
    kickMailDeliverer();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(2);
  });
});
