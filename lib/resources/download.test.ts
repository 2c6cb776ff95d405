import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, resources, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { getStorage } from "@/lib/storage";
import type { Viewer } from "@/lib/viewer";
import { createMember, viewerOf } from "@/test/factories";
import { attachmentDisposition, openResourceDownload, type ResourceDownload } from "./download";
import { removeResource } from "./manage";
import { useUploadDir } from "./test-samples";
import { expectAppError } from "@/test/fixtures";

const database = useTestDatabase();
const uploads = useUploadDir();

const CONTENT = Buffer.from("%PDF-1.4 0123456789 the rest of the slides");

let organizer: Viewer;
let member: Viewer;
let newcomer: Viewer;
let fileId: string;
let linkId: string;

beforeEach(async () => {
  await database.db.delete(auditLog);
  await database.db.delete(resources);
  await database.db.delete(users);
  uploads.clear();
  organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
  member = viewerOf(await createMember(database.db));
  newcomer = viewerOf(await createMember(database.db, { guidelinesAcceptedAt: null }));
  const storageKey = randomUUID();
  await getStorage().put(storageKey, Readable.from([CONTENT]));
  const [file, link] = await database.db
    .insert(resources)
    .values([
      { title: "Slides", kind: "file", type: "slides", storageKey, fileName: "Résumé “final”.pdf", mimeType: "application/pdf", sizeBytes: CONTENT.length },
      { title: "Guide", kind: "link", type: "guide", url: "https://digital.gov/guides/" },
    ])
    .returning();
  fileId = file!.id;
  linkId = link!.id;
});

async function read(download: ResourceDownload) {
  if (download.kind !== "file") throw new Error(`expected a file, got ${download.kind}`);
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("downloading a resource", () => {
  it("gives a member the whole file with its type and name", async () => {
    const download = await openResourceDownload({ viewer: member, id: fileId });
    expect(download).toMatchObject({ kind: "file", mimeType: "application/pdf", fileName: "Résumé “final”.pdf", size: CONTENT.length, range: null });
    expect(await read(download)).toEqual(CONTENT);
  });

  it("records organizers' and admins' downloads in the audit log, once per download, and members' not at all", async () => {
    const admin = viewerOf(await createMember(database.db, { role: "admin" }));
    await read(await openResourceDownload({ viewer: member, id: fileId }));
    await read(await openResourceDownload({ viewer: organizer, id: fileId }));
    // A player or a resumed transfer asking for the rest is the same download.
    await read(await openResourceDownload({ viewer: organizer, id: fileId, range: "bytes=9-18" }));
    await read(await openResourceDownload({ viewer: admin, id: fileId, range: "bytes=0-3" }));
    const entries = await database.db
      .select({ actorId: auditLog.actorId, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, detail: auditLog.detail })
      .from(auditLog)
      .orderBy(auditLog.id);
    expect(entries).toEqual([
      {
        actorId: organizer.id,
        action: "resource.downloaded",
        targetType: "resource",
        targetId: fileId,
        detail: { role: "organizer", fileName: "Résumé “final”.pdf" },
      },
      { actorId: admin.id, action: "resource.downloaded", targetType: "resource", targetId: fileId, detail: { role: "admin", fileName: "Résumé “final”.pdf" } },
    ]);
  });

  it("lets organizers download too", async () => {
    expect(await read(await openResourceDownload({ viewer: organizer, id: fileId }))).toEqual(CONTENT);
  });

  it("answers a single byte range", async () => {
    const download = await openResourceDownload({ viewer: member, id: fileId, range: "bytes=9-18" });
    expect(download).toMatchObject({ kind: "file", range: { start: 9, end: 18 }, size: CONTENT.length });
    expect((await read(download)).toString()).toBe("0123456789");
    expect((await read(await openResourceDownload({ viewer: member, id: fileId, range: "bytes=-5" }))).toString()).toBe("lides");
  });

  it("says a range past the end can't be satisfied", async () => {
    expect(await openResourceDownload({ viewer: member, id: fileId, range: `bytes=${CONTENT.length}-` })).toEqual({
      kind: "unsatisfiable",
      size: CONTENT.length,
    });
  });

  it("sends the whole file for a conditional range it can't check", async () => {
    const download = await openResourceDownload({ viewer: member, id: fileId, range: "bytes=0-3", ifRange: '"some-etag"' });
    expect(await read(download)).toEqual(CONTENT);
  });

  it("redirects to a link resource's address", async () => {
    expect(await openResourceDownload({ viewer: member, id: linkId })).toEqual({ kind: "redirect", url: "https://digital.gov/guides/" });
  });

  it("asks visitors to sign in and people who have not joined to join, on every request", async () => {
    await expectAppError(openResourceDownload({ viewer: null, id: fileId }), "unauthenticated");
    await expectAppError(openResourceDownload({ viewer: null, id: linkId }), "unauthenticated");
    await expectAppError(openResourceDownload({ viewer: newcomer, id: fileId }), "forbidden");
  });

  it("answers not found for unknown, malformed and removed resources", async () => {
    await expectAppError(openResourceDownload({ viewer: member, id: randomUUID() }), "not_found");
    await expectAppError(openResourceDownload({ viewer: member, id: "../../etc/passwd" }), "not_found");
    await removeResource(organizer, fileId);
    await expectAppError(openResourceDownload({ viewer: member, id: fileId }), "not_found");
  });

  it("answers not found when the stored file has gone missing", async () => {
    uploads.clear();
    await expectAppError(openResourceDownload({ viewer: member, id: fileId }), "not_found");
  });
});

describe("the attachment header", () => {
  it.each([
    ["slides.pdf", "attachment; filename=slides.pdf"],
    ["Résumé “final”.pdf", `attachment; filename="R?sum? ?final?.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%9Cfinal%E2%80%9D.pdf`],
    ['quote " and \\ back.pdf', `attachment; filename="quote \\" and \\\\ back.pdf"`],
  ])("names %j safely", (name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
  });
});
