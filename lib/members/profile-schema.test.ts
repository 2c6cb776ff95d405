import { describe, expect, it } from "vitest";
import { accountSchema, formFields, joinSchema } from "./profile-schema";

const profile = { name: "Pat Example", agency: "GSA", jobTitle: "Specialist", timeZone: "America/Chicago" };

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return formFields(data);
}

describe("profile forms", () => {
  it("reads an unchecked box (absent from the form) as false and a checked one as true", () => {
    expect(accountSchema.parse(form({ ...profile, inviteEmails: "on" }))).toMatchObject({ directoryOptIn: false, inviteEmails: true });
    expect(accountSchema.parse(form(profile))).toMatchObject({ directoryOptIn: false, inviteEmails: false });
  });

  it("requires both agreements to join", () => {
    const result = joinSchema.safeParse(form({ ...profile, acceptGuidelines: "on" }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["acknowledgeFoia"]);
    expect(joinSchema.safeParse(form({ ...profile, acceptGuidelines: "on", acknowledgeFoia: "on" })).success).toBe(true);
  });

  it("refuses fields the form does not have, such as a role", () => {
    const result = accountSchema.safeParse(form({ ...profile, role: "admin" }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("ignores Next's own action fields", () => {
    expect(accountSchema.safeParse(form({ ...profile, $ACTION_ID_abc: "" })).success).toBe(true);
  });

  it.each([
    ["name", "Pat\r\nBcc: x@evil.example"],
    ["agency", "<script>alert(1)</script>"],
    ["jobTitle", "Lead\u202Eevil"],
    ["name", ""],
    ["name", "x".repeat(101)],
    ["timeZone", "Mars/Olympus"],
  ])("refuses a %s of %j", (field, value) => {
    const result = accountSchema.safeParse(form({ ...profile, [field]: value }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});
