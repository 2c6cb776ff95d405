import { describe, expect, it } from "vitest";
import { setEnv, useEnv } from "@/test/fixtures";
import { readReplyAddress, replyAddress } from "./reply-address";

const RSVP = "0b7c8a52-3f1d-4c2e-9a51-6f0e2d3c4b5a";

describe("calendar reply addresses", () => {
  useEnv({ AUTH_SECRET: "a".repeat(43), MAIL_FROM: "Community <convene@events.example.gov>", MAIL_REPLY_DOMAIN: undefined }, { each: true });

  it("round-trips an RSVP id through an address at MAIL_FROM's domain that fits a local part", () => {
    const address = replyAddress(RSVP);
    expect(address).toMatch(/^rsvp\+[0-9a-f]{56}@events\.example\.gov$/);
    expect(address.split("@")[0]!.length).toBeLessThanOrEqual(64);
    expect(readReplyAddress(address)).toEqual({ rsvpId: RSVP });
    expect(readReplyAddress(`mailto:${address.toUpperCase()}`)).toEqual({ rsvpId: RSVP });
  });

  it("uses MAIL_REPLY_DOMAIN when set", () => {
    setEnv({ MAIL_REPLY_DOMAIN: "Replies.Example.gov" });
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
    setEnv({ AUTH_SECRET: "b".repeat(43) });
    expect(readReplyAddress(address)).toBeNull();
  });
});
