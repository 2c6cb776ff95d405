import "server-only";
import { randomBytes } from "node:crypto";
import type { OIDCConfig } from "next-auth/providers";
import type { Env } from "@/lib/env";

type LoginGovProfile = { sub: string; email?: string; email_verified?: boolean };

export const LOGIN_GOV_PROVIDER_ID = "login-gov";

/**
 * Login.gov as an OpenID Connect provider with PKCE (no client secret), switched
 * on by LOGIN_GOV_ISSUER and LOGIN_GOV_CLIENT_ID. The returned email still has to
 * pass the eligibility policy (the signIn callback), like a link request.
 * @see https://developers.login.gov/oidc/getting-started/
 */
export function loginGovProvider(env: Env): OIDCConfig<LoginGovProfile> | null {
  if (!env.LOGIN_GOV_ISSUER || !env.LOGIN_GOV_CLIENT_ID) return null;
  return {
    id: LOGIN_GOV_PROVIDER_ID,
    name: "Login.gov",
    type: "oidc",
    issuer: env.LOGIN_GOV_ISSUER,
    clientId: env.LOGIN_GOV_CLIENT_ID,
    client: { token_endpoint_auth_method: "none" },
    checks: ["pkce", "state", "nonce"],
    // Login.gov returns the email from its userinfo endpoint, not in the ID token
    // (Auth.js still validates the ID token, whose acr loginGovRefusal reads).
    idToken: false,
    // Login.gov requires prompt=select_account on every authorization request.
    authorization: { params: { scope: "openid email", acr_values: env.LOGIN_GOV_ACR_VALUES, prompt: "select_account" } },
    // Safe because loginGovRefusal admits only an address Login.gov says it verified (SECURITY.md).
    allowDangerousEmailAccountLinking: true,
    // A missing email becomes "", which the eligibility policy then refuses.
    profile: (profile) => ({ id: profile.sub, email: (profile.email ?? "").toLowerCase(), name: null }),
  };
}

export type LoginGovRefusal = "assurance" | "unverified_email";

/**
 * What Login.gov documents a relying party must check itself: the ID token's acr is
 * a level that was asked for (acr_values is a request, not a promise), and the
 * address is one Login.gov verified. Auth.js has already checked the token's
 * signature, issuer, audience and nonce, so reading its payload here is safe.
 */
export function loginGovRefusal({
  idToken,
  profile,
  acrValues,
}: {
  idToken: string | undefined;
  profile: { email_verified?: unknown } | undefined;
  acrValues: string;
}): LoginGovRefusal | null {
  const acr = idToken ? idTokenClaim(idToken, "acr") : undefined;
  if (typeof acr !== "string" || !acrValues.split(/\s+/).includes(acr)) return "assurance";
  if (profile?.email_verified !== true) return "unverified_email";
  return null;
}

function idTokenClaim(idToken: string, name: string): unknown {
  try {
    const payload = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    return payload[name];
  } catch {
    return undefined;
  }
}

/** Set when a browser signed in through Login.gov, so signing out can end the Login.gov session too. */
export const LOGIN_GOV_SESSION_COOKIE = "convene-login-gov";

let endSessionEndpoint: { issuer: string; url: Promise<string | null> } | undefined;

/** The end_session_endpoint from Login.gov's discovery document, looked up once per issuer. */
function discoverEndSession(issuer: string): Promise<string | null> {
  if (endSessionEndpoint?.issuer !== issuer) {
    const url = fetch(new URL(".well-known/openid-configuration", issuer.endsWith("/") ? issuer : `${issuer}/`), { signal: AbortSignal.timeout(5_000) })
      .then(async (response) => (response.ok ? (((await response.json()) as { end_session_endpoint?: string }).end_session_endpoint ?? null) : null))
      .catch(() => null);
    endSessionEndpoint = { issuer, url };
    // A failed lookup is tried again next time rather than remembered.
    void url.then((found) => {
      if (!found && endSessionEndpoint?.url === url) endSessionEndpoint = undefined;
    });
  }
  return endSessionEndpoint.url;
}

/**
 * RP-initiated logout as Login.gov documents it: client_id, post_logout_redirect_uri
 * (registered with Login.gov) and a state of at least 22 characters. Null when
 * Login.gov is off or its discovery document cannot be read (sign-out here still happens).
 */
export async function loginGovLogoutUrl(env: Env, postLogoutRedirectUri: string): Promise<string | null> {
  if (!env.LOGIN_GOV_ISSUER || !env.LOGIN_GOV_CLIENT_ID) return null;
  const endpoint = await discoverEndSession(env.LOGIN_GOV_ISSUER);
  if (!endpoint) return null;
  const url = new URL(endpoint);
  url.searchParams.set("client_id", env.LOGIN_GOV_CLIENT_ID);
  url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUri);
  url.searchParams.set("state", randomBytes(24).toString("base64url"));
  return url.toString();
}
