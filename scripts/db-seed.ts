import { count } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { events, resources, rsvps, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";

// Demo accounts such as admin@gsa.gov must never appear on a real site.
if (process.env.NODE_ENV === "production" && !process.argv.includes("--allow-production")) {
  console.error("Refusing to add demo data with NODE_ENV=production (pass --allow-production to insist).");
  process.exit(1);
}

await runMigrations();
try {
  const db = await getDb();
  const { seeded } = await seedDemoData(db);
  if (seeded) {
    const total = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
    const [eventCount, memberCount, rsvpCount, resourceCount] = await Promise.all([
      total(db.select({ n: count() }).from(events)),
      total(db.select({ n: count() }).from(users)),
      total(db.select({ n: count() }).from(rsvps)),
      total(db.select({ n: count() }).from(resources)),
    ]);
    console.log(`Seeded demo data: ${eventCount} events, ${memberCount} members, ${rsvpCount} RSVPs, ${resourceCount} resources.`);
  } else {
    console.log("Database already has data; nothing seeded.");
  }
} finally {
  await closeDb();
}
