/**
 * Reads a prom-client Histogram's _sum and _count from the server's /api/metrics, so the
 * bench can report what the app itself measured (the session check, the event lock) per
 * request. The scrape is made outside the window whose CPU and requests are counted.
 */
export type HistogramTotals = { sum: number; count: number };

/** The histogram's totals over all its label sets, or undefined when the app does not export it. */
export async function scrapeHistogram(serverUrl: string, token: string, name: string): Promise<HistogramTotals | undefined> {
  const response = await fetch(`${serverUrl}/api/metrics`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`/api/metrics answered ${response.status}: is METRICS_TOKEN set on the server?`);
  const text = await response.text();
  let sum: number | undefined;
  let count: number | undefined;
  for (const line of text.split("\n")) {
    // `name_sum{labels} value` or `name_sum value`; several label sets add up.
    const match = /^(\w+)_(sum|count)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const value = Number(match[3]);
    if (match[2] === "sum") sum = (sum ?? 0) + value;
    else count = (count ?? 0) + value;
  }
  return sum === undefined || count === undefined ? undefined : { sum, count };
}

/** The change between two scrapes; undefined when either is missing. */
export function histogramDelta(before: HistogramTotals | undefined, after: HistogramTotals | undefined): HistogramTotals | undefined {
  if (!after) return undefined;
  // A labelled histogram has no series until its first observation: absent before means none yet.
  const base = before ?? { sum: 0, count: 0 };
  return { sum: after.sum - base.sum, count: after.count - base.count };
}

/** The same, summed over several instances (each scraped before and after). */
export function sumDeltas(deltas: (HistogramTotals | undefined)[]): HistogramTotals | undefined {
  if (deltas.length === 0 || deltas.some((delta) => delta === undefined)) return undefined;
  return deltas.reduce<HistogramTotals>((total, delta) => ({ sum: total.sum + delta!.sum, count: total.count + delta!.count }), { sum: 0, count: 0 });
}
