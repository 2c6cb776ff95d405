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
