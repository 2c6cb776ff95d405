import { afterEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { splitTextOnUrls } from "./links";
import { listMailbox } from "./mailbox";
import { enqueueMail } from "./outbox";

const database = useTestDatabase();

afterEach(() => {
  delete process.env.DEV_MAILBOX;
  resetEnvForTests();
});

describe("listMailbox", () => {
  it("lists newest first, filters by recipient and bounds the limit", async () => {
    for (const [index, to] of ["alice@agency.gov", "bob@agency.gov", "Alice@Agency.gov"].entries()) {
      await enqueueMail(database.db, {
        to,
        subject: `Message ${index}`,
        text: "Body",
        kind: "test",
        calendar: index === 2 ? { method: "CANCEL", content: "BEGIN:VCALENDAR", filename: "cancel.ics" } : undefined,
      });
    }

    const all = await listMailbox();
    expect(all.map((message) => message.subject)).toEqual(["Message 2", "Message 1", "Message 0"]);
    expect(all[0]).toMatchObject({ calendarMethod: "CANCEL", status: "pending", sentAt: null, kind: "test" });
    expect(all[1]?.calendarMethod).toBeNull();

    const alice = await listMailbox({ to: " ALICE@agency.gov " });
    expect(alice.map((message) => message.subject)).toEqual(["Message 2", "Message 0"]);

    expect(await listMailbox({ limit: 1 })).toHaveLength(1);
    expect(await listMailbox({ limit: 10_000 })).toHaveLength(3);
  });

  it("is not found when the dev mailbox is disabled", async () => {
    process.env.DEV_MAILBOX = "false";
    resetEnvForTests();
    await expect(listMailbox()).rejects.toSatisfy((error) => error instanceof AppError && error.kind === "not_found");
  });
});

describe("splitTextOnUrls", () => {
  it("separates http(s) URLs from the text around them, leaving trailing punctuation outside", () => {
    expect(splitTextOnUrls("Sign in (https://x.gov/a?b=1&c=2). Or javascript:alert(1) http://y.gov")).toEqual([
      { kind: "text", value: "Sign in (" },
      { kind: "url", value: "https://x.gov/a?b=1&c=2" },
      { kind: "text", value: "). Or javascript:alert(1) " },
      { kind: "url", value: "http://y.gov" },
    ]);
    expect(splitTextOnUrls("")).toEqual([]);
    expect(splitTextOnUrls("no links")).toEqual([{ kind: "text", value: "no links" }]);
  });
});
