import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCESS_INVENTORY } from "./access-inventory";

const appDir = path.resolve(import.meta.dirname, "../../app");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** app/(group)/events/[slug]/page.tsx → /events/[slug]; route groups do not appear in URLs. */
function routeOf(file: string): string {
  const segments = path.relative(appDir, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

function entryPointsInApp() {
  const found: { id: string; kind: "page" | "route" | "action"; methods?: string[] }[] = [];
  for (const file of filesUnder(appDir)) {
    const source = fs.readFileSync(file, "utf8");
    const base = path.basename(file);
    if (base === "page.tsx" || base === "page.ts") found.push({ id: routeOf(file), kind: "page" });
    if (base === "route.ts") {
      const methods = [...source.matchAll(/export (?:async function|const(?: \{)?)\s*\{?\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)]
        .map((m) => m[1]!)
        .sort();
      found.push({ id: routeOf(file), kind: "route", methods });
    }
    // A "use server" file makes every export a public endpoint: an async function, or one built by formAction().
    if (/^\s*["']use server["']/.test(source)) {
      for (const match of source.matchAll(/export (?:async function|const) (\w+)/g)) {
        found.push({ id: `${path.relative(path.dirname(appDir), file).split(path.sep).join("/")}#${match[1]}`, kind: "action" });
      }
    }
  }
  return found;
}

describe("access inventory", () => {
  const inApp = entryPointsInApp();

  it("finds the app's entry points (the scan itself works)", () => {
    expect(inApp.filter((e) => e.kind === "page").length).toBeGreaterThan(20);
    expect(inApp.filter((e) => e.kind === "route").length).toBeGreaterThan(5);
    expect(inApp.filter((e) => e.kind === "action").length).toBeGreaterThan(15);
  });

  it("lists every page, route handler and server action in app/", () => {
    const listed = new Set(ACCESS_INVENTORY.map((e) => `${e.kind} ${e.id}`));
    const missing = inApp.filter((e) => !listed.has(`${e.kind} ${e.id}`)).map((e) => `${e.kind} ${e.id}`);
    expect(missing, "add these to lib/security/access-inventory.ts with who may use them").toEqual([]);
  });

  it("lists nothing that no longer exists", () => {
    const present = new Set(inApp.map((e) => `${e.kind} ${e.id}`));
    const stale = ACCESS_INVENTORY.filter((e) => !present.has(`${e.kind} ${e.id}`)).map((e) => `${e.kind} ${e.id}`);
    expect(stale).toEqual([]);
  });

  it("names exactly the methods each route handler exports", () => {
    for (const route of inApp.filter((e) => e.kind === "route")) {
      const entry = ACCESS_INVENTORY.find((e) => e.kind === "route" && e.id === route.id);
      expect([...(entry?.methods ?? [])].sort(), route.id).toEqual(route.methods);
    }
  });

  it("has one entry per entry point", () => {
    const ids = ACCESS_INVENTORY.map((e) => `${e.kind} ${e.id}`);
    expect(ids.length).toBe(new Set(ids).size);
  });
});
