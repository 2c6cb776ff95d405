/**
 * The benchmark's "framework ceiling": a page Next prerenders at build time and serves
 * as a file, with no session, database or layout work. Pages Router because every App
 * Router page shares the root layout, which reads the session and so is dynamic.
 * bench/server.ts copies it into pages/ for the bench's own build only, never the app's.
 */
const ROWS = 120;

export default function BenchStatic() {
  return (
    <main>
      <h1>Upcoming events</h1>
      <ul>
        {Array.from({ length: ROWS }, (_, index) => (
          <li key={index}>
            <h2>Bench event {index}: plain language for social media teams</h2>
            <p>Bring a post you are drafting; we edit it together, then talk about what the audience saw.</p>
            <p>Tuesday, December 3, 2030 · 2:00 – 3:00 PM EST · Virtual · 42 seats left</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
