import "server-only";
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataResult, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { handleCalendarReply, refuseRecipient, type ReplyOutcome } from "@/lib/calendar/replies";

/**
 * The inbound mail receiver: an SMTP (or LMTP) listener that takes calendar replies
 * for rsvp+<token>@MAIL_REPLY_DOMAIN from the organization's relay and hands each to
 * handleCalendarReply. It refuses any other recipient at RCPT TO (550, so the relay
 * bounces it instead of queueing it), messages over the size limit (552) and replies
 * the token does not allow (550); a database it cannot reach gets "try later" (451),
 * so the relay keeps the message. Nothing a client sends can throw out of it.
 */
export type MailReceiverOptions = {
  host: string;
  port: number;
  lmtp?: boolean;
  maxBytes: number;
};

/** MAIL_IN_URL as listener options; the default is the script's. */
export function listenAddress(url: string | undefined): { host: string; port: number; lmtp: boolean } {
  const parsed = new URL(url ?? "smtp://127.0.0.1:2525");
  return { host: parsed.hostname.replace(/^\[|\]$/g, ""), port: Number(parsed.port), lmtp: parsed.protocol === "lmtp:" };
}

// One reply goes to one address; a message for many of them is not a calendar reply.
const MAX_RECIPIENTS = 10;
const MAX_CLIENTS = 50;

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** The SMTP answer for one recipient's outcome: null is accepted. */
export function answerFor(result: ReplyOutcome): (Error & { responseCode: number }) | null {
  if (result.outcome === "refused") return smtpError(550, `5.7.1 Calendar reply refused: ${result.reason}`);
  if (result.outcome === "retry") return smtpError(451, "4.3.0 Calendar reply not processed now; try again later");
  return null;
}

function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the client gets its 552 after DATA.
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on("end", () => resolve(stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

async function deliver(message: Buffer, session: SMTPServerSession, lmtp: boolean) {
  const results: ReplyOutcome[] = [];
  for (const recipient of session.envelope.rcptTo) {
    results.push(await handleCalendarReply({ message, recipient: recipient.address }));
  }
  const answers = results.map(answerFor);
  if (lmtp) return { perRecipient: answers.map((answer) => answer ?? "2.0.0 Calendar reply received") };
  // SMTP has one answer for the message: try later if any recipient must, refuse if all were refused.
  return { single: answers.find((answer) => answer?.responseCode === 451) ?? (answers.every(Boolean) ? answers[0]! : null) };
}

export async function startMailReceiver({ host, port, lmtp = false, maxBytes }: MailReceiverOptions) {
  const server = new SMTPServer({
    lmtp,
    name: "convene-mail-in",
    banner: "Convene calendar replies",
    size: maxBytes,
    // Advertised in EHLO, and enforced for clients that send more anyway.
    rejectOversized: true,
    authOptional: true,
    // It sits behind the organization's relay, which does TLS, filtering and authentication toward the internet.
    disabledCommands: ["AUTH", "STARTTLS"],
    maxClients: MAX_CLIENTS,
    logger: false,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError(452, "4.5.3 Too many recipients"));
      refuseRecipient(address.address).then(
        (reason) => callback(reason ? smtpError(550, `5.1.1 <${address.address}>: ${reason}`) : null),
        (error: unknown) => {
          console.error("[mail-in] recipient check failed:", error);
          callback(smtpError(451, "4.3.0 Cannot check this address now; try again later"));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null, message?: string | SMTPServerDataResult[]) => void) {
      readMessage(stream, maxBytes)
        .then(async (message) => {
          if (!message) return callback(smtpError(552, `5.3.4 Message larger than ${maxBytes} bytes`));
          const answer = await deliver(message, session, lmtp);
          if ("perRecipient" in answer) return callback(null, answer.perRecipient);
          return callback(answer.single ?? null, answer.single ? undefined : "2.0.0 Calendar reply received");
        })
        .catch((error: unknown) => {
          console.error("[mail-in] message failed:", error);
          callback(smtpError(451, "4.3.0 Message not processed now; try again later"));
        });
    },
  });
  server.on("error", (error) => console.error("[mail-in] listener error:", error.message));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once("error", onError);
    server.listen(port, host, () => {
      server.server.off("error", onError);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
