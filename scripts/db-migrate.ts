import { closeDb } from "@/db";
import { runMigrations } from "@/db/migrate";

await runMigrations();
await closeDb();
console.log("Migrations applied.");
