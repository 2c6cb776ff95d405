import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { readReplyAddress, replyAddress } from "./reply-address";

const RSVP = "0b7c8a52-3f1d-4c2e-9a51-6f0e2d3c4b5a";

describe("calendar reply addresses", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.AUTH_SECRET = "a".repeat(43);
    process.env.MAIL_FROM = "Community <convene@events.example.gov>";
    delete process.env.MAIL_REPLY_DOMAIN;
    resetEnvForTests();
  });
  afterEach(() => {
    process.env = { ...saved };
    resetEnvForTests();
  });

  it("round-trips an RSVP id through an address at MAIL_FROM's domain that fits a local part", () => {
    const address = replyAddress(RSVP);
    expect(address).toMatch(/^rsvp\+[0-9a-f]{56}@events\.example\.gov$/);
    expect(address.split("@")[0]!.length).toBeLessThanOrEqual(64);
    expect(readReplyAddress(address)).toEqual({ rsvpId: RSVP });
    expect(readReplyAddress(`mailto:${address.toUpperCase()}`)).toEqual({ rsvpId: RSVP });
  });

  it("uses MAIL_REPLY_DOMAIN when set", () => {
    process.env.MAIL_REPLY_DOMAIN = "Replies.Example.gov";
    resetEnvForTests();
    expect(replyAddress(RSVP)).toMatch(/@replies\.example\.gov$/);
  });

  it("refuses changed, forged, foreign-domain and re-keyed addresses", () => {
    const address = replyAddress(RSVP);
    const [local, domain] = address.split("@") as [string, string];
    const flipped = local.slice(0, 10) + (local[10] === "0" ? "1" : "0") + local.slice(11);
    expect(readReplyAddress(`${flipped}@${domain}`)).toBeNull();
    expect(readReplyAddress(`${local.slice(0, -2)}@${domain}`)).toBeNull();
    expect(readReplyAddress(`${local}@attacker.example`)).toBeNull();
    expect(readReplyAddress(`rsvp+${"0".repeat(56)}@${domain}`)).toBeNull();
    expect(readReplyAddress("not an address")).toBeNull();
    process.env.AUTH_SECRET = "b".repeat(43);
    resetEnvForTests();
    expect(readReplyAddress(address)).toBeNull();
  });
});
