import http from "node:http";
import Provider from "oidc-provider";

/**
 * A local OpenID Connect provider standing in for Login.gov in end-to-end tests:
 * any login works, and the login is the email it returns (a bare name gets
 * @agency.gov), so a test can sign in as an eligible or an ineligible address.
 */
export async function startOidcProvider({ clientId, redirectUri }: { clientId: string; redirectUri: string }) {
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
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    acrValues: ["urn:acr.login.gov:auth-only"],
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: id.includes("@") ? id : `${id}@agency.gov`, email_verified: true }),
    }),
    features: { devInteractions: { enabled: true } },
  });
  server.on("request", provider.callback());
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
