import { describe, expect, it } from "vitest";
import { loginGovRefusal } from "./login-gov";

/** An ID token as Auth.js hands it over, already verified; only the payload matters here. */
function idToken(claims: Record<string, unknown>): string {
  return ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "sig"].join(".");
}

describe("loginGovRefusal", () => {
  const acrValues = "urn:acr.login.gov:verified";

  it("admits the level asked for with a verified address", () => {
    expect(loginGovRefusal({ idToken: idToken({ acr: "urn:acr.login.gov:verified" }), profile: { email_verified: true }, acrValues })).toBeNull();
    expect(
      loginGovRefusal({
        idToken: idToken({ acr: "urn:acr.login.gov:auth-only" }),
        profile: { email_verified: true },
        acrValues: "urn:acr.login.gov:auth-only http://idmanagement.gov/ns/assurance/aal/2",
      }),
    ).toBeNull();
  });

  it.each([
    ["a lower level", idToken({ acr: "urn:acr.login.gov:auth-only" })],
    ["no acr", idToken({})],
    ["a malformed token", "not-a-jwt"],
    ["no ID token", undefined],
  ])("refuses %s", (_label, token) => {
    expect(loginGovRefusal({ idToken: token, profile: { email_verified: true }, acrValues })).toBe("assurance");
  });

  it.each([[{ email_verified: false }], [{ email_verified: "true" }], [{}], [undefined]])("refuses an address not verified (%j)", (profile) => {
    expect(loginGovRefusal({ idToken: idToken({ acr: "urn:acr.login.gov:verified" }), profile, acrValues })).toBe("unverified_email");
  });
});
