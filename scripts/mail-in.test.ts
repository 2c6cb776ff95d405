import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";

/** `npm run mail-in` as a relay starts it: its own process, on a throwaway embedded database. */
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function scriptEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convene-mail-in-"));
  dataDirs.push(dataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    AUTH_SECRET: "mail-in-script-test-".padEnd(43, "x"),
    AUTH_URL: "https://convene.example.gov",
    MAIL_FROM: "Community <events@convene.example.gov>",
    ...extra,
  };
  delete env.DATABASE_URL;
  return env;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("scripts/mail-in.ts", () => {
  it("in pipe mode refuses a recipient that is not a reply address with exit code 77 (the relay bounces it)", () => {
    const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/mail-in.ts", "--pipe", "someone@convene.example.gov"], {
      input: "Subject: hello\r\n\r\nNot a calendar reply.\r\n",
      encoding: "utf8",
      env: scriptEnv(),
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(77);
    expect(result.stdout).toContain("calendar reply refused: not a calendar reply address of this site");
  });

  it("listens on MAIL_IN_URL, refuses unknown recipients at RCPT TO with 550, and stops on SIGTERM", async () => {
    const port = await freePort();
    // tsx as a loader, not its CLI, which would relay the SIGTERM and exit 143 itself if the child is slow to confirm it.
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/mail-in.ts"], {
      env: scriptEnv({ MAIL_IN_URL: `smtp://127.0.0.1:${port}` }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.stderr.on("data", (chunk) => (output += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toContain(`Mail receiver: SMTP on 127.0.0.1:${port}`);
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
      const refused = await transport
        .sendMail({ envelope: { from: "a@agency.gov", to: ["rsvp+nothing@convene.example.gov"] }, raw: "Subject: x\r\n\r\ny\r\n" })
        .then(
          () => null,
          (error: { responseCode?: number }) => error,
        );
      expect(refused?.responseCode).toBe(550);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("Mail receiver: SIGTERM received, closing.");
  }, 90_000);
});
