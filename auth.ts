import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { onSignedIn, isSignInAllowed } from "@/lib/auth/callbacks";
import { emailLinkProvider } from "@/lib/auth/email-provider";
import { LOGIN_GOV_PROVIDER_ID, loginGovProvider, loginGovRefusal } from "@/lib/auth/login-gov";
import { publicSession } from "@/lib/auth/session";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "@/lib/auth/session-check";
import { getEnv } from "@/lib/env";

// Lazy: the database is opened on the first request, never while `next build` loads modules.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const env = getEnv();
  const db = await getDb();
  const loginGov = loginGovProvider(env);
  // Auth.js builds sign-in links, redirects and its own URLs from process.env.AUTH_URL when set,
  // and from Host / X-Forwarded-Host otherwise, which anyone can forge. Pin it to the one
  // configured origin (production cannot start without AUTH_URL; development uses localhost).
  process.env.AUTH_URL = env.siteOrigin;
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  } as never);
  return {
    adapter: {
      ...adapter,
      // A disabled member has no session: Auth.js then answers "signed out" and clears the cookie.
      async getSessionAndUser(sessionToken) {
        const found = await adapter.getSessionAndUser!(sessionToken);
        return found && (found.user as unknown as typeof users.$inferSelect).disabledAt ? null : found;
      },
    },
    secret: process.env.AUTH_SECRET,
    trustHost: true,
    // Behind a TLS-terminating proxy the request Next sees is plain HTTP; the public URL decides.
    // Secure cookies are named __Secure-authjs.session-token and __Host-authjs.csrf-token.
    useSecureCookies: env.siteOrigin.startsWith("https://"),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    providers: [emailLinkProvider(env), ...(loginGov ? [loginGov] : [])],
    callbacks: {
      signIn({ user, email, account, profile }) {
        if (account?.provider === LOGIN_GOV_PROVIDER_ID) {
          const refusal = loginGovRefusal({ idToken: account.id_token, profile, acrValues: env.LOGIN_GOV_ACR_VALUES });
          if (refusal) return `/signin/error?error=${refusal === "assurance" ? "LoginGovAssurance" : "LoginGovUnverifiedEmail"}`;
        }
        return isSignInAllowed({ email: user.email, isLinkRequest: Boolean(email?.verificationRequest), allowedDomains: env.ALLOWED_EMAIL_DOMAINS });
      },
      session({ session, user }) {
        // Pages read the session themselves (lib/auth/session-check.ts); this is only the JSON endpoint's answer.
        const row = user as unknown as typeof users.$inferSelect;
        // Whatever is returned here is GET /api/auth/session's answer, readable by any script on the origin.
        return publicSession(row, session.expires) as unknown as typeof session;
      },
    },
    events: {
      signIn: ({ user, account }) => onSignedIn({ userId: user.id, email: user.email, provider: account?.provider, adminEmails: env.ADMIN_EMAILS }),
    },
  } satisfies NextAuthConfig;
});
