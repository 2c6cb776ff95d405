import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** What a page is about, read from lib/; when lib/ says there is no such thing (or the id is malformed), the 404 page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  }
}
