"use server";

import { signOut } from "@/auth";

/** Ends this browser's session (the row is deleted, so the cookie is worthless afterwards). */
export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
