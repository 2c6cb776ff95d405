/**
 * What reading a session costs, before and after issue 20, in one run on the bench's database:
 * Auth.js's own session endpoint (what `auth()` ran for every page: a Request through Auth.js's
 * core, the adapter's getSessionAndUser, the session callback, a Response), and the one indexed
 * read pages use now (lib/auth/session-check.ts). Both in this process, one call at a time, so
 * the figures are CPU and round trips, not contention.
 */
import { performance } from "node:perf_hooks";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
// The Auth.js core next-auth itself runs (its own nested copy, so the same code auth() ran).
import { Auth } from "../node_modules/next-auth/node_modules/@auth/core/index.js";
import { installDbHandle, type DbHandle } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { checkSession } from "@/lib/auth/session-check";

export type CallCost = { cpuUs: number; wallUs: number };
export type SessionCheckCost = { calls: number; authJs: CallCost; direct: CallCost };

async function timeCalls(calls: number, work: (index: number) => Promise<unknown>): Promise<CallCost> {
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  for (let index = 0; index < calls; index++) await work(index);
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuUs: (cpu.user + cpu.system) / calls, wallUs: ((performance.now() - began) * 1000) / calls };
}

export async function measureSessionCheck(handle: DbHandle, tokens: string[], calls = 2000): Promise<SessionCheckCost> {
  installDbHandle(handle);
  try {
    const adapter = DrizzleAdapter(handle.db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    } as never);
    // basePath as next-auth sets it: @auth/core's own default is /auth.
    const config = {
      adapter,
      providers: [],
      basePath: "/api/auth",
      secret: "bench-secret-bench-secret-bench-secret",
      trustHost: true,
      session: { strategy: "database" as const },
    };
    const viaAuthJs = async (index: number) => {
      const request = new Request("http://localhost/api/auth/session", { headers: { cookie: `authjs.session-token=${tokens[index % tokens.length]}` } });
      const response = (await Auth(request, config as never)) as Response;
      const session = (await response.json()) as { user?: unknown } | null;
      if (!session?.user) throw new Error("Auth.js found no session for a bench member");
    };
    const direct = async (index: number) => {
      if (!(await checkSession(tokens[index % tokens.length]))) throw new Error("checkSession found no session for a bench member");
    };
    // Warm both paths (JIT, prepared plans) before timing them.
    await timeCalls(200, viaAuthJs);
    await timeCalls(200, direct);
    return { calls, authJs: await timeCalls(calls, viaAuthJs), direct: await timeCalls(calls, direct) };
  } finally {
    installDbHandle(undefined);
  }
}
