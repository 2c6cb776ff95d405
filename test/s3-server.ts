import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export type TestS3Server = {
  endpoint: string;
  bucket: string;
  /** Every variable an app process needs to keep its files in this server's bucket. */
  env: Record<string, string>;
  /** The directory the server keeps objects in (each test server has its own). */
  directory: string;
  stop(): Promise<void>;
};

// s3rver's one account; any other access key is refused (403 InvalidAccessKeyId). It does not check SigV4 signatures.
export const S3RVER_KEY = "S3RVER";

/**
 * A real S3-speaking server (s3rver: the S3 REST API over HTTP, objects on disk) on a free port of
 * 127.0.0.1, in its own temp directory, with one empty bucket. s3rver serves ranges and multipart uploads
 * and refuses unknown access keys; it has no AbortMultipartUpload or ListMultipartUploads, bucket policies
 * or SigV4 signature checks, which the tests that would need them say.
 */
export async function startS3Server({ bucket = "convene-test", prefix = "" }: { bucket?: string; prefix?: string } = {}): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), "convene-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    directory,
    env: {
      STORAGE_URL: `s3://${bucket}${prefix ? `/${prefix}` : ""}`,
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: S3RVER_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_FORCE_PATH_STYLE: "true",
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
