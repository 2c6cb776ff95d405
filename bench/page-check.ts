/**
 * Before a route is measured: is it the page we mean to measure? A signed-in row that
 * measured a redirect to /signin, or a visitor's page, would report numbers for the
 * wrong thing. Every session the load will use is tried once; any wrong answer stops
 * the bench.
 */
import http from "node:http";
import zlib from "node:zlib";

const SIGN_OUT_CONTROL = "sign-out-button";

export class WrongPageError extends Error {}

/** GET without following redirects. */
async function get(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), body: await response.text() };
}

/**
 * Each cookie gets a 200 whose page carries the member's sign-out control (the header
 * renders it for a signed-in person only) and `marker` (text only this page has).
 */
export async function checkSignedInPage(label: string, url: string, cookies: string[], marker: string) {
  const problems: string[] = [];
  // A few at a time: the server is warm enough, and this is a check, not load.
  for (let index = 0; index < cookies.length; index += 10) {
    await Promise.all(
      cookies.slice(index, index + 10).map(async (cookie, offset) => {
        const { status, location, body } = await get(url, { cookie });
        if (status !== 200) problems.push(`session ${index + offset}: HTTP ${status}${location ? ` to ${location}` : ""}`);
        else if (!body.includes(SIGN_OUT_CONTROL)) problems.push(`session ${index + offset}: 200 but no sign-out control (a visitor's page)`);
        else if (!body.includes(marker)) problems.push(`session ${index + offset}: 200 but without "${marker}"`);
      }),
    );
  }
  if (problems.length > 0) {
    throw new WrongPageError(
      `${label} (${url}) is not the signed-in page for ${problems.length} of ${cookies.length} sessions: ${problems.slice(0, 3).join("; ")}`,
    );
  }
}

/**
 * The cached page a member's browser gets (proxy.ts sends it there for convene-js=1): 200, `marker`,
 * the header's placeholder for the viewer's own links and no sign-out control (nothing personal is in
 * the shared bytes); then /api/me names a member for each cookie.
 */
export async function checkCachedSignedInPage(label: string, origin: string, [path, personal]: string[], cookies: string[], marker: string) {
  const problems: string[] = [];
  for (let index = 0; index < cookies.length; index += 10) {
    await Promise.all(
      cookies.slice(index, index + 10).map(async (cookie, offset) => {
        const page = await get(`${origin}${path}`, { cookie });
        if (page.status !== 200) problems.push(`session ${index + offset}: HTTP ${page.status}${page.location ? ` to ${page.location}` : ""}`);
        else if (!page.body.includes("personal-pending") || page.body.includes(SIGN_OUT_CONTROL))
          problems.push(`session ${index + offset}: not the cached signed-in page`);
        else if (!page.body.includes(marker)) problems.push(`session ${index + offset}: 200 but without "${marker}"`);
        const answer = await get(`${origin}${personal}`, { cookie });
        const viewer = answer.status === 200 ? (JSON.parse(answer.body) as { viewer: { isMember: boolean } | null }).viewer : null;
        if (!viewer?.isMember) problems.push(`session ${index + offset}: /api/me answered ${answer.status} without a member`);
      }),
    );
  }
  if (problems.length > 0) {
    throw new WrongPageError(
      `${label} (${path}) is not the cached signed-in page for ${problems.length} of ${cookies.length} sessions: ${problems.slice(0, 3).join("; ")}`,
    );
  }
}

/** A visitor's page: 200, and no sign-out control. */
export async function checkVisitorPage(label: string, url: string) {
  const { status, location, body } = await get(url, {});
  if (status !== 200) throw new WrongPageError(`${label} (${url}) answered HTTP ${status}${location ? ` to ${location}` : ""}, not 200`);
  if (body.includes(SIGN_OUT_CONTROL)) throw new WrongPageError(`${label} (${url}) shows a sign-out control to a visitor`);
}

export type WireFacts = { status: number; contentEncoding: string; wireBodyBytes: number; decodedBytes: number; body: string };

/**
 * One response as it crosses the wire (node:http decodes nothing): its encoding, the
 * body's bytes as sent, and as the client reads them once decoded.
 */
export function fetchOnWire(url: string, headers: Record<string, string>): Promise<WireFacts> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          const contentEncoding = String(response.headers["content-encoding"] ?? "identity");
          try {
            const decoded = contentEncoding === "gzip" ? zlib.gunzipSync(raw) : contentEncoding === "br" ? zlib.brotliDecompressSync(raw) : raw;
            resolve({
              status: response.statusCode ?? 0,
              contentEncoding,
              wireBodyBytes: raw.length,
              decodedBytes: decoded.length,
              body: decoded.toString("utf8"),
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      })
      .on("error", reject);
  });
}
