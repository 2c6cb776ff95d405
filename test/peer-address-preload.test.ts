import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

/**
 * scripts/peer-address.mjs as `npm start` loads it: a tiny HTTP server in a child process
 * with the preload, standing in for Next (which the e2e spec covers). The child plays a
 * page that resolves the viewer: it writes the member id into the preload's store.
 */
const SERVER = `
import http from "node:http";
const store = globalThis[Symbol.for("convene.request-context")];
const server = http.createServer((request, response) => {
  // As viewer resolution does, later in the same request.
  setTimeout(() => {
    if (request.url.startsWith("/member")) store.getStore().memberId = "4f6c2a8e-1111-4222-8333-944445555666";
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ seen: request.headers["x-request-id"], peer: request.headers["x-convene-peer-address"], source: request.headers["x-convene-request-id-source"] }));
  }, 5);
});
server.listen(0, "127.0.0.1", () => console.error("PORT " + server.address().port));
`;

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill();
  child = undefined;
});

async function start(env: Record<string, string>) {
  const stdout: string[] = [];
  const server = spawn(process.execPath, ["--import", "./scripts/peer-address.mjs", "--input-type=module", "-e", SERVER], {
    cwd: path.resolve("."),
    env: { PATH: process.env.PATH, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = server;
  server.stdout!.setEncoding("utf8").on("data", (chunk: string) => stdout.push(chunk));
  const port = await new Promise<number>((resolve, reject) => {
    let errors = "";
    server.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      errors += chunk;
      const match = /PORT (\d+)/.exec(errors);
      if (match) resolve(Number(match[1]));
    });
    server.once("exit", (code) => reject(new Error(`server exited ${code}: ${errors}`)));
  });
  const lines = async (count: number) => {
    for (let i = 0; i < 100 && stdout.join("").split("\n").filter(Boolean).length < count; i++) await new Promise((r) => setTimeout(r, 20));
    return stdout
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };
  return { origin: `http://127.0.0.1:${port}`, lines, stdout };
}

describe("the preload gives each request an id and writes one access line", () => {
  it("replaces a client's id when no proxy is trusted, and logs the request without query or email", async () => {
    const server = await start({ TRUSTED_PROXY_HOPS: "0" });
    const response = await fetch(`${server.origin}/member/pat@agency.gov/events?email=pat%40agency.gov&token=abc123`, {
      headers: { "x-request-id": "client-chosen-id-1234", "x-convene-request-id-source": "preload", "x-convene-peer-address": "203.0.113.9" },
    });
    const id = response.headers.get("x-request-id");
    const body = (await response.json()) as { seen: string; peer: string; source: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toEqual({ seen: id, peer: "127.0.0.1", source: "preload" });

    const [line, ...more] = await server.lines(1);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: "info",
      component: "http",
      msg: "request",
      requestId: id,
      method: "GET",
      status: 200,
      route: "/member/[email]/events",
    });
    expect(line!.memberId).toBe("4f6c2a8e-1111-4222-8333-944445555666");
    expect(typeof line!.durationMs).toBe("number");
    const text = server.stdout.join("");
    for (const leak of ["agency.gov", "abc123", "token", "?"]) expect(text).not.toContain(leak);
  });

  it("keeps a trusted proxy's safe id, refuses an unsafe one, and leaves the member id out when nobody signed in", async () => {
    const server = await start({ TRUSTED_PROXY_HOPS: "1" });
    const kept = await fetch(`${server.origin}/events`, { headers: { "x-request-id": "lb-0123456789abcdef" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-0123456789abcdef");
    const replaced = await fetch(`${server.origin}/events`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const lines = await server.lines(2);
    expect(lines.map((line) => line.requestId)).toEqual(["lb-0123456789abcdef", replaced.headers.get("x-request-id")]);
    for (const line of lines) expect(line).not.toHaveProperty("memberId");
  });

  it("writes nothing when LOG_LEVEL is silent, and still sets the id", async () => {
    const server = await start({ LOG_LEVEL: "silent" });
    const response = await fetch(`${server.origin}/events`);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.stdout.join("")).toBe("");
  });
});
