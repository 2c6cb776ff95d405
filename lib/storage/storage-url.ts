/**
 * STORAGE_URL's syntax, with no imports: lib/env.ts checks it when the configuration is read, and
 * lib/storage/config.ts (which throws env.ts's ConfigError) parses it, without an import cycle.
 */

// S3's rules for bucket names (no upper case, no underscores, no IP-address look-alikes).
export const BUCKET = /^(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// Prefix parts: plain names only, so a prefix can never climb out with "..", or hide in an empty part.
const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;
const ADVICE = "must look like s3://bucket-name or s3://bucket-name/folder/prefix";

/** `s3://bucket/optional/prefix` → bucket and prefix ("" or ending in "/"), or what is wrong with it. */
export function parseStorageUrl(value: string): { bucket: string; prefix: string } | { problem: string } {
  const problem = (why: string) => ({ problem: `${ADVICE} (${why})` });
  if (!value.startsWith("s3://")) return problem(`"${value.split("/")[0]}" is not a supported scheme; only s3:// is`);
  const match = /^s3:\/\/([^/?#]*)(\/[^?#]*)?$/.exec(value);
  if (!match) return problem("no query string or fragment");
  const bucket = match[1]!;
  if (bucket.includes("@") || bucket.includes(":")) return problem("credentials and ports go in the AWS_ variables, not in the URL");
  if (!BUCKET.test(bucket)) return problem(`"${bucket}" is not a valid bucket name: 3 to 63 lower-case letters, digits, dots and hyphens`);
  const segments = (match[2] ?? "").split("/").slice(1);
  if (segments.at(-1) === "") segments.pop(); // one trailing slash is fine
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) return problem(`prefix part "${segment}" may hold only letters, digits, ".", "_" and "-", and no empty, "." or ".." parts`);
  }
  return { bucket, prefix: segments.length ? `${segments.join("/")}/` : "" };
}
