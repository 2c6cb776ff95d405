import "server-only";
import type { OIDCConfig } from "next-auth/providers";
import type { Env } from "@/lib/env";

type LoginGovProfile = { sub: string; email?: string; email_verified?: boolean };

/**
 * Login.gov as an OpenID Connect provider with PKCE (no client secret), switched
 * on by LOGIN_GOV_ISSUER and LOGIN_GOV_CLIENT_ID. The returned email still has to
 * pass the eligibility policy (the signIn callback), like a link request.
 * @see https://developers.login.gov/oidc/getting-started/
 */
export function loginGovProvider(env: Env): OIDCConfig<LoginGovProfile> | null {
  if (!env.LOGIN_GOV_ISSUER || !env.LOGIN_GOV_CLIENT_ID) return null;
  return {
    id: "login-gov",
    name: "Login.gov",
    type: "oidc",
    issuer: env.LOGIN_GOV_ISSUER,
    clientId: env.LOGIN_GOV_CLIENT_ID,
    client: { token_endpoint_auth_method: "none" },
    checks: ["pkce", "state", "nonce"],
    // Login.gov returns the email from its userinfo endpoint, not in the ID token.
    idToken: false,
    authorization: { params: { scope: "openid email", acr_values: env.LOGIN_GOV_ACR_VALUES } },
    // Login.gov verifies the address it returns, so it may sign in to the account a link created.
    allowDangerousEmailAccountLinking: true,
    // A missing email becomes "", which the eligibility policy then refuses.
    profile: (profile) => ({ id: profile.sub, email: (profile.email ?? "").toLowerCase(), name: null }),
  };
}
