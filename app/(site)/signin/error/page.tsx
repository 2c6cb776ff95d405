import type { Metadata } from "next";
import { LinkProblem } from "@/components/link-problem";
import { organizersEmail } from "@/lib/site";

export const metadata: Metadata = { title: "Sign-in problem" };

const reasons = {
  Verification: "used",
  AccessDenied: "denied",
  // Set by auth.ts's signIn callback (lib/auth/login-gov.ts loginGovRefusal).
  LoginGovAssurance: "assurance",
  LoginGovUnverifiedEmail: "unverified",
  // Set by lib/auth/callbacks.ts isSignInAllowed: a .gov domain the registry does not list.
  DomainNotRegistered: "unregistered",
} as const;

/** Auth.js sends failed sign-ins here with ?error=Verification (used or expired link), AccessDenied, or a Login.gov refusal. */
export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const reason = error && Object.hasOwn(reasons, error) ? reasons[error as keyof typeof reasons] : "other";
  return <LinkProblem reason={reason} organizersEmail={organizersEmail()} />;
}
