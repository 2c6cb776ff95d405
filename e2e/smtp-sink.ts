import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/** An in-process SMTP server that accepts everything and writes each message to `dir` as an .eml file. */
export async function startFileSmtpServer(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(",");
        count += 1;
        const name = `${Date.now()}-${String(count).padStart(5, "0")}-${recipients.replace(/[^a-z0-9@.,-]/g, "_")}.eml`;
        fs.writeFileSync(path.join(dir, name), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The messages delivered to `recipient` so far, oldest first, as raw MIME. */
export function readDelivered(dir: string, recipient: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) =>
      name
        .split("-")
        .slice(2)
        .join("-")
        .replace(/\.eml$/, "")
        .split(",")
        .includes(recipient.toLowerCase()),
    )
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name), "utf8"));
}
