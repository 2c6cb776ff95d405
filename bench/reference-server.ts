/**
 * The runtime's limit: node:http answering every request with bytes captured from
 * the app, with no framework, session or database in the way.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export async function startReferenceServer(body: Buffer, contentType: string) {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
    response.end(body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
