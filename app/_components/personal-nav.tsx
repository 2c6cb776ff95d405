"use client";

import { AccountNavItems, MembersNavItem } from "@/components/site-header";
import { usePersonal } from "./personal";

/**
 * The header's signed-in parts on a cached page, once /api/me has said who is asking. Until then the
 * account part holds its place (an empty item the width of "My account"), so the header does not jump
 * and never shows "Sign in" to someone who is signed in.
 */
export function PersonalNavItems({ part, signOutAction }: { part: "members" | "account"; signOutAction: () => Promise<void> }) {
  const answer = usePersonal()?.answer;
  if (!answer) {
    return part === "account" ? (
      <li className="usa-nav__primary-item" aria-hidden="true" data-testid="personal-pending">
        <span className="usa-nav-link visibility-hidden">
          <span>My account</span>
        </span>
      </li>
    ) : null;
  }
  return part === "members" ? <MembersNavItem viewer={answer.viewer} /> : <AccountNavItems viewer={answer.viewer} signOutAction={signOutAction} />;
}
