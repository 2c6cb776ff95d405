import type { AddressInfo } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";

export type CapturedMail = { from: string; to: string[]; raw: string };

/** A temporary failure, as a busy mail server answers (451): the sender should try again later. */
export function busy() {
  return Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 });
}

/**
 * A real SMTP server on 127.0.0.1 for one test file, keeping every message it accepts, and a
 * nodemailer transport to it (and its smtp:// URL, for code that builds its own). `refuseRecipient` and `refuseData` let a test make it answer 451.
 */
export function useSmtpCapture({
  refuseRecipient = () => false,
  refuseData = () => false,
}: { refuseRecipient?: (address: string) => boolean; refuseData?: () => boolean } = {}) {
  const capture = { received: [] as CapturedMail[], transport: undefined as unknown as Transporter, url: "" };
  let server: SMTPServer | undefined;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(refuseRecipient(address.address) ? busy() : null);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (refuseData()) return callback(busy());
          capture.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((address) => address.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as AddressInfo;
    capture.transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    capture.url = `smtp://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    capture.transport?.close();
    await new Promise<void>((resolve) => (server ? server.close(resolve) : resolve()));
  });

  return capture;
}
