import type { users } from "@/db/schema";

/** Who is asking: every lib/ function that acts for a person takes one. */
export type Viewer = {
  id: string;
  email: string;
  role: (typeof users.$inferSelect)["role"];
  name: string | null;
  timeZone: string;
  hasJoined: boolean;
};

/**
 * What the site header shows of the viewer (null: signed out). Defined here, beside the
 * Viewer it is cut from, so lib/ never imports a component's type (eslint.config.mjs).
 */
export type HeaderViewer = {
  name: string | null;
  email: string;
  /** Has joined (accepted the guidelines): the member directory and My events are theirs to open. */
  isMember: boolean;
  canManage: boolean;
  isAdmin: boolean;
} | null;

export function headerViewerOf(viewer: Viewer | null): HeaderViewer {
  if (!viewer) return null;
  return {
    name: viewer.name,
    email: viewer.email,
    isMember: viewer.hasJoined,
    canManage: viewer.role === "organizer" || viewer.role === "admin",
    isAdmin: viewer.role === "admin",
  };
}
