import net, { type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { queueSignInEmail } from "@/lib/auth/sign-in-email";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { deliverPendingMail } from "./deliver";

/**
 * The mail server is down when members act: their RSVPs and sign-in requests must
 * still succeed (mail waits in the outbox), and once the server is back every
 * message is delivered, each exactly once.
 */
const database = useTestDatabase();
let server: SMTPServer | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(resolve) : resolve()));
  server = undefined;
});

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function startSmtp(port: number, behaviour: "refuse" | "accept", received: string[]) {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(behaviour === "refuse" ? Object.assign(new Error("Service unavailable"), { responseCode: 421 }) : null);
      void address;
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  return new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
}

describe("an SMTP outage loses nothing", () => {
  it("RSVPs and sign-in requests succeed while mail is down, and every message goes out once when it is back", async () => {
    const db = database.db;
    const port = await freePort();
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 2_000 });
    const members = await Promise.all([createMember(db), createMember(db), createMember(db)]);
    const event = await createEvent(db, { capacity: 10 });

    // Nothing listens on the port: the server is down.
    for (const member of members) {
      await expect(rsvpToEvent(viewerOf(member), { eventId: event.id })).resolves.toMatchObject({ status: "going" });
    }
    await queueSignInEmail({
      to: "newcomer@agency.gov",
      url: "https://convene.example.gov/api/auth/callback/nodemailer?token=t",
      expires: new Date(Date.now() + 600_000),
    });
    const queued = await db.select().from(outbox);
    expect(queued).toHaveLength(4);

    let now = new Date();
    const down = await deliverPendingMail({ transport, now });
    expect(down).toEqual({ sent: 0, retried: 4, failed: 0 });

    // Back, but refusing: still nothing lost.
    const received: string[] = [];
    await startSmtp(port, "refuse", received);
    now = new Date(now.getTime() + 3600_000);
    expect(await deliverPendingMail({ transport, now })).toEqual({ sent: 0, retried: 4, failed: 0 });
    await new Promise<void>((resolve) => server!.close(resolve));

    // Accepting again: every message once, and later passes send nothing more.
    await startSmtp(port, "accept", received);
    now = new Date(now.getTime() + 3600_000);
    expect(await deliverPendingMail({ transport, now })).toEqual({ sent: 4, retried: 0, failed: 0 });
    expect(await deliverPendingMail({ transport, now: new Date(now.getTime() + 3600_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(received.sort()).toEqual([...members.map((m) => m.email), "newcomer@agency.gov"].sort());
    const rows = await db.select().from(outbox).where(eq(outbox.status, "sent"));
    expect(rows).toHaveLength(4);
    transport.close();
  });
});
