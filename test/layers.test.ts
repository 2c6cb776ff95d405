import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import-boundary rule in eslint.config.mjs, run through ESLint's own API on code that imports
 * backwards (it must fail) and forwards (it must pass), and on the files that once broke it.
 * lintText takes a file path that need not exist: the rule judges the importing file by its folder.
 */
const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
}

describe("import boundaries (eslint.config.mjs)", { timeout: 120_000 }, () => {
  it.each([
    [
      "db/ importing lib/ (what db/index.ts once did)",
      "db/backwards.ts",
      'import { getEnv } from "@/lib/env";\nexport const env = getEnv();\n',
      /db\/ is the bottom layer/,
    ],
    [
      "db/ importing lib/ by a relative path",
      "db/backwards.ts",
      'import { getEnv } from "../lib/env";\nexport const env = getEnv();\n',
      /db\/ is the bottom layer/,
    ],
    [
      "lib/ importing a component's type (what lib/auth/viewer.ts once did)",
      "lib/backwards.ts",
      'import type { AddToCalendarEvent } from "@/app/_components/add-to-calendar";\nexport type E = AddToCalendarEvent;\n',
      /lib\/ must not import/,
    ],
    [
      "lib/ importing components/",
      "lib/events/backwards.ts",
      'import { EventCard } from "@/components/event-card";\nexport const card = EventCard;\n',
      /lib\/ must not import/,
    ],
    [
      "components/ importing an action from app/ (what site-frame.tsx once did)",
      "components/backwards.tsx",
      'import { signOutAction } from "@/app/sign-out-action";\nexport const action = signOutAction;\n',
      /components\/ is presentational/,
    ],
    ["components/ importing db/", "components/backwards.tsx", 'import { getDb } from "@/db";\nexport const db = getDb;\n', /components\/ is presentational/],
    [
      "a page importing db/",
      "app/(site)/backwards/page.tsx",
      'import { getDb } from "@/db";\nexport const db = getDb;\n',
      /app\/ reads and writes through lib\//,
    ],
  ])("fails on %s", async (_name, filePath, code, message) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    [
      "a page importing lib/, components/ and app/_components",
      "app/(site)/forwards/page.tsx",
      'import { listPublicEvents } from "@/lib/events/queries";\nimport { EventCard } from "@/components/event-card";\nimport { HomeContent } from "@/app/_components/home";\nexport const all = [listPublicEvents, EventCard, HomeContent];\n',
    ],
    [
      "a component importing a lib/ helper and type",
      "components/forwards.tsx",
      'import { formatShortStart } from "@/lib/time";\nimport type { Viewer } from "@/lib/viewer";\nexport const f = formatShortStart;\nexport type V = Viewer;\n',
    ],
    ["lib/ importing db/", "lib/forwards.ts", 'import { events } from "@/db/schema";\nexport const table = events;\n'],
    [
      "a test under lib/ driving an action in app/",
      "lib/forwards.test.ts",
      'import { changeRsvp } from "@/app/(site)/events/[slug]/actions";\nexport const action = changeRsvp;\n',
    ],
  ])("passes %s", async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });

  it("passes the files that used to import backwards, in their new places", async () => {
    const files = ["db/index.ts", "db/migrate.ts", "lib/auth/viewer.ts", "lib/env.ts", "components/site-header.tsx", "app/_components"];
    const results = await eslint.lintFiles(files.map((file) => path.join(root, file)));
    const errors = results.flatMap((r) => r.messages.filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => `${r.filePath}: ${m.message}`));
    expect(results.length).toBeGreaterThan(6);
    expect(errors).toEqual([]);
  });
});
