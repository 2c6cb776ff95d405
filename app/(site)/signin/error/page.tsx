import type { Metadata } from "next";
import { LinkProblem } from "@/components/link-problem";

export const metadata: Metadata = { title: "Sign-in problem" };

/** Auth.js sends failed sign-ins here with ?error=Verification (used or expired link) or AccessDenied. */
export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const reason = error === "Verification" ? "used" : error === "AccessDenied" ? "denied" : "other";
  return <LinkProblem reason={reason} />;
}
