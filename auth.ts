import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { onSignedIn, isSignInAllowed } from "@/lib/auth/callbacks";
import { queueSignInEmail } from "@/lib/auth/sign-in-email";
import { getEnv } from "@/lib/env";
import { checkEmailEligibility, normalizeEmail } from "@/lib/members/eligibility";
import { loginGovProvider } from "@/lib/auth/login-gov";

/** How long a sign-in link works; it also works only once (Auth.js deletes the token when used). */
export const SIGN_IN_LINK_MINUTES = 10;

// Lazy: the database is opened on the first request, never while `next build` loads modules.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const env = getEnv();
  const db = await getDb();
  const loginGov = loginGovProvider(env);
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    } as never),
    secret: process.env.AUTH_SECRET,
    trustHost: true,
    // Behind a TLS-terminating proxy the request Next sees is plain HTTP; the public URL decides.
    // Secure cookies are named __Secure-authjs.session-token and __Host-authjs.csrf-token.
    ...(env.AUTH_URL ? { useSecureCookies: env.AUTH_URL.startsWith("https://") } : {}),
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    providers: [
      Nodemailer({
        // Mail goes through the outbox (lib/mail), never straight to this transport.
        server: env.SMTP_URL ?? "smtp://localhost:25",
        from: env.MAIL_FROM,
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        normalizeIdentifier(identifier) {
          const result = checkEmailEligibility(identifier, env.ALLOWED_EMAIL_DOMAINS);
          if (!result.ok) throw new Error(`Refused sign-in address (${result.reason})`);
          return result.email;
        },
        sendVerificationRequest: ({ identifier, url, expires }) => queueSignInEmail({ to: identifier, url, expires }),
      }),
      ...(loginGov ? [loginGov] : []),
    ],
    callbacks: {
      signIn: ({ user, email }) => isSignInAllowed({ email: user.email, isLinkRequest: Boolean(email?.verificationRequest), allowedDomains: env.ALLOWED_EMAIL_DOMAINS }),
      session({ session, user }) {
        const row = user as unknown as typeof users.$inferSelect;
        return {
          ...session,
          user: {
            ...session.user,
            id: row.id,
            email: normalizeEmail(row.email),
            name: row.name,
            role: row.role,
            timeZone: row.timeZone,
            hasJoined: row.guidelinesAcceptedAt !== null,
            disabled: row.disabledAt !== null,
          },
        };
      },
    },
    events: {
      signIn: ({ user, account }) => onSignedIn({ userId: user.id, email: user.email, provider: account?.provider, adminEmails: env.ADMIN_EMAILS }),
    },
  } satisfies NextAuthConfig;
});
