import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      email: string;
      role: "member" | "organizer" | "admin";
      timeZone: string;
      hasJoined: boolean;
      disabled: boolean;
    } & DefaultSession["user"];
  }
}
