/** One load run with autocannon: fixed connections, no pipelining, fixed duration. */
import autocannon from "autocannon";

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
};

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  /** One set of headers per connection (e.g. a session cookie each), assigned round-robin. */
  perConnectionHeaders?: Record<string, string>[];
  headers?: Record<string, string>;
  /** Paths each connection asks for in turn (a page, then its /api/me), instead of `url`'s path alone. */
  sequence?: string[];
};

export async function runLoad({ url, connections, seconds, perConnectionHeaders, headers, sequence }: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url,
    requests: sequence?.map((path) => ({ method: "GET", path, headers })),
    connections,
    pipelining: 1,
    duration: seconds,
    headers,
    // Runs once per connection: each connection keeps its own identity for the whole run.
    setupClient: perConnectionHeaders
      ? (client) => {
          const own = { ...headers, ...perConnectionHeaders[next++ % perConnectionHeaders.length] };
          // setHeaders reaches only the first request of a sequence; each one needs the connection's cookie.
          if (sequence) client.setRequests(sequence.map((path) => ({ method: "GET", path, headers: own })));
          else client.setHeaders(own);
        }
      : undefined,
  });
  const ok = result["2xx"];
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: ok > 0 ? Math.round(result.throughput.total / (ok + result.non2xx)) : 0,
  };
}
