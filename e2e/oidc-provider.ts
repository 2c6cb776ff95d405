import http from "node:http";
import Provider from "oidc-provider";

export const LOGIN_GOV_ACRS = { authOnly: "urn:acr.login.gov:auth-only", verified: "urn:acr.login.gov:verified" };

/**
 * A local OpenID Connect provider standing in for Login.gov in end-to-end tests:
 * any login works, and the login is the email it returns (a bare name gets
 * @agency.gov), so a test can sign in as an eligible or an ineligible address.
 *
 * It holds the app to what Login.gov documents, so the e2e tests fail if the app
 * stops doing its part:
 * - an authorization request without prompt=select_account is refused (400);
 * - the ID token's acr is the first level the app asked for, except for a login
 *   starting "ial1-", which gets auth-only whatever was asked (a lower level);
 * - a login starting "unverified-" comes back with email_verified: false;
 * - RP-initiated logout (end_session_endpoint) needs client_id,
 *   post_logout_redirect_uri and a state of at least 22 characters, as Login.gov's does.
 */
export async function startOidcProvider({
  clientId,
  redirectUri,
  postLogoutRedirectUri,
}: {
  clientId: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}) {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: "none",
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    acrValues: Object.values(LOGIN_GOV_ACRS),
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: id.includes("@") ? id : `${id}@agency.gov`,
        email_verified: !id.startsWith("unverified-"),
      }),
    }),
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });

  // devInteractions' login form gives no acr; this gives the one the account "reached".
  const finish = provider.interactionFinished.bind(provider);
  provider.interactionFinished = async (req, res, result, options) => {
    const login = result.login as { accountId: string; acr?: string } | undefined;
    if (login) {
      const { params } = await provider.interactionDetails(req, res);
      const requested = String(params.acr_values ?? "")
        .split(/\s+/)
        .filter(Boolean);
      login.acr = login.accountId.startsWith("ial1-") ? LOGIN_GOV_ACRS.authOnly : (requested[0] ?? LOGIN_GOV_ACRS.authOnly);
    }
    return finish(req, res, result, options);
  };

  const callback = provider.callback();
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname === "/auth") {
      const prompts = (url.searchParams.get("prompt") ?? "").split(/\s+/);
      if (!prompts.includes("select_account")) return refuse(res, "prompt=select_account is required (Login.gov refuses requests without it)");
      // Login.gov always shows its account screen; oidc-provider's nearest equivalent is prompt=login.
      url.searchParams.set("prompt", "login");
      req.url = `${url.pathname}${url.search}`;
    }
    if (url.pathname === "/session/end" && req.method === "GET") {
      const state = url.searchParams.get("state") ?? "";
      if (!url.searchParams.get("client_id") || !url.searchParams.get("post_logout_redirect_uri") || state.length < 22) {
        return refuse(res, "logout needs client_id, post_logout_redirect_uri and a state of at least 22 characters");
      }
    }
    return callback(req, res);
  });
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function refuse(res: http.ServerResponse, message: string) {
  res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(`invalid_request: ${message}`);
}
