import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";

/**
 * The authorization decisions lib/ makes beside its queries, as errors that
 * actions and route handlers turn into the right status. No Next.js or Auth.js
 * imports, so domain modules stay testable on their own.
 */
export function assertMember(viewer: Viewer | null): asserts viewer is Viewer {
  if (!viewer) throw new AppError("unauthenticated", "Sign in to continue.");
  if (!viewer.hasJoined) throw new AppError("forbidden", "Finish joining the community first.");
}

export function assertRole(viewer: Viewer | null, roles: Viewer["role"][]): asserts viewer is Viewer {
  assertMember(viewer);
  if (!roles.includes(viewer.role)) throw new AppError("forbidden", "You don't have permission to do that.");
}
