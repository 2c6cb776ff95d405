import { describe, expect, it } from "vitest";
import { accommodationAnswer, accommodationForm, NOTHING_ASKED } from "./request-schema";

const eventId = "5e05552f-f9c9-42b3-87dd-91765ea3763b";

describe("the member's accommodation form", () => {
  it("turns ticked boxes into needs, in the vocabulary's order, and trims the free text", () => {
    expect(accommodationForm.parse({ eventId, intent: "save", large_print: "on", cart: "on", other: "  Quiet seat \n" })).toEqual({
      eventId,
      intent: "save",
      needs: ["cart", "large_print"],
      other: "Quiet seat",
    });
  });

  it("asks for something on save, not on withdraw", () => {
    const refused = accommodationForm.safeParse({ eventId, intent: "save", other: "   " });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["other", NOTHING_ASKED]]);
    expect(accommodationForm.parse({ eventId, intent: "withdraw", other: "" })).toMatchObject({ intent: "withdraw", needs: [] });
  });

  it("refuses needs outside the vocabulary, odd box values and unknown fields", () => {
    expect(accommodationForm.safeParse({ eventId, intent: "save", telepathy: "on" }).error?.issues[0]?.code).toBe("unrecognized_keys");
    expect(accommodationForm.safeParse({ eventId, intent: "save", cart: "yes" }).error?.issues[0]?.path).toEqual(["cart"]);
    expect(accommodationForm.safeParse({ eventId: "../etc", intent: "save", cart: "on" }).success).toBe(false);
    expect(accommodationForm.safeParse({ eventId, intent: "save", cart: "on", other: "x".repeat(501) }).error?.issues[0]?.message).toBe(
      "Keep what you need to 500 characters or fewer.",
    );
  });
});

describe("the organizer's answer", () => {
  it("takes a known status and a bounded note", () => {
    const requestId = eventId;
    expect(accommodationAnswer.parse({ requestId, status: "unavailable", note: " No interpreter free. " })).toEqual({
      requestId,
      status: "unavailable",
      note: "No interpreter free.",
    });
    expect(accommodationAnswer.safeParse({ requestId, status: "maybe" }).error?.issues[0]?.message).toBe("Choose a status.");
    expect(accommodationAnswer.safeParse({ requestId, status: "arranged", note: "\u0000" }).error?.issues[0]?.message).toBe(
      "Remove control characters from the note.",
    );
  });
});
