import "server-only";
import type { Readable } from "node:stream";
import { handleCalendarReply } from "@/lib/calendar/replies";

/**
 * Pipe mode: one message on standard input, as Postfix's pipe(8) or local(8)
 * `mailbox_command` hand it over, answered with a sysexits.h code the relay
 * understands: 0 delivered (acted on or ignored and logged), 77 refused (the relay
 * bounces it), 65 too large, 75 try again later (the relay keeps it queued).
 */
export const EXIT = { ok: 0, dataError: 65, noPermission: 77, tempFail: 75 } as const;

async function readLimited(input: Readable, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The envelope recipient: the argument, else what Postfix's local(8) exports to a mailbox_command. */
export function pipeRecipient(argument: string | undefined, env: Record<string, string | undefined>): string | null {
  return argument?.trim() || env.ORIGINAL_RECIPIENT?.trim() || env.RECIPIENT?.trim() || null;
}

export async function receivePipedMessage(input: Readable, { recipient, maxBytes }: { recipient: string | null; maxBytes: number }) {
  let message;
  try {
    message = await readLimited(input, maxBytes);
  } catch (error) {
    console.error("[mail-in] could not read the message:", error);
    return EXIT.tempFail;
  }
  if (!message) {
    console.info(`[mail-in] calendar reply refused: larger than ${maxBytes} bytes`);
    return EXIT.dataError;
  }
  const result = await handleCalendarReply({ message, recipient });
  if (result.outcome === "refused") return EXIT.noPermission;
  if (result.outcome === "retry") return EXIT.tempFail;
  return EXIT.ok;
}
