import net from "node:net";
import path from "node:path";

/** A port nobody listens on right now, for a `next start` a test runs itself. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Waits up to a minute for /api/health to answer 200. */
export async function waitForHealth(origin: string) {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${origin}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${origin} did not become healthy`);
}

export const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

/** Node's arguments for `next start` as `npm start` runs it: with the preload that hands the socket address to the rate limits. */
export function nextStartArgs(port: number | string): string[] {
  return ["--import", "./scripts/peer-address.mjs", NEXT_BIN, "start", "-p", String(port)];
}
