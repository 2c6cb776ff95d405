"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import { LOGIN_GOV_SESSION_COOKIE, loginGovLogoutUrl } from "@/lib/auth/login-gov";
import { getEnv } from "@/lib/env";
import { siteUrl } from "@/lib/site";

/**
 * Ends this browser's session (the row is deleted, so the cookie is worthless
 * afterwards). A browser that signed in through Login.gov is then sent to Login.gov's
 * logout, which ends that session too and returns here, as Login.gov asks of relying parties.
 */
export async function signOutAction() {
  const cookieJar = await cookies();
  const viaLoginGov = cookieJar.has(LOGIN_GOV_SESSION_COOKIE);
  cookieJar.delete(LOGIN_GOV_SESSION_COOKIE);
  const logout = viaLoginGov ? await loginGovLogoutUrl(getEnv(), siteUrl("/")) : null;
  if (!logout) {
    await signOut({ redirectTo: "/" });
    return;
  }
  await signOut({ redirect: false });
  redirect(logout);
}
