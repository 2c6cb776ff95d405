import type { PublicSession } from "@/lib/auth/session";

declare module "next-auth" {
  // The session answer is lib/auth/session.ts's allow-list; the id stays on the server.
  interface Session {
    user: PublicSession["user"];
  }
}
