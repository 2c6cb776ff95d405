import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are applied by the app (db/migrate.ts),
// so this file needs no credentials.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
