/**
 * The calendar-reply receiver on its own (`npm run mail-in`):
 *
 *   npm run mail-in                       SMTP listener on MAIL_IN_URL (default smtp://127.0.0.1:2525);
 *                                         MAIL_IN_URL=lmtp://… makes it an LMTP listener
 *   npm run mail-in -- --pipe [recipient] one message from standard input, for a relay's pipe
 *                                         transport or mailbox_command; the exit code tells the relay
 *
 * It opens the database itself, so with the embedded database (one process only) use
 * MAIL_IN_URL on the web server instead.
 */
import { parseArgs } from "node:util";
import { closeDb } from "@/db";
import { ConfigError, getEnv } from "@/lib/env";

let env;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`\nThe Convene mail receiver cannot start. ${error.message}\nSee .env.example for every variable.\n`);
    process.exit(1);
  }
  throw error;
}
if (!env.AUTH_SECRET) {
  // Reply addresses are signed with it; a generated development secret would match no invite.
  console.error("The Convene mail receiver needs AUTH_SECRET, the same as the web server's.");
  process.exit(1);
}

const { values, positionals } = parseArgs({ options: { pipe: { type: "boolean", default: false } }, allowPositionals: true });

if (values.pipe) {
  const { pipeRecipient, receivePipedMessage } = await import("@/lib/mail/inbound-pipe");
  const code = await receivePipedMessage(process.stdin, { recipient: pipeRecipient(positionals[0], process.env), maxBytes: env.MAIL_IN_MAX_BYTES });
  await closeDb();
  process.exit(code);
}

const { runMigrations } = await import("@/db/migrate");
await runMigrations();
const { listenAddress, startMailReceiver } = await import("@/lib/mail/inbound");
const address = listenAddress(env.MAIL_IN_URL);
const receiver = await startMailReceiver({ ...address, maxBytes: env.MAIL_IN_MAX_BYTES });
console.log(`Mail receiver: ${address.lmtp ? "LMTP" : "SMTP"} on ${address.host}:${receiver.port}. Stop with Ctrl+C or SIGTERM.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Mail receiver: ${signal} received, closing.`);
  await receiver.close();
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
