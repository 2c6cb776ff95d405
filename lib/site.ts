import "server-only";
import { getEnv } from "@/lib/env";

export const COMMUNITY_NAME = "Social Media Community of Practice";

/**
 * The one origin the site answers on: AUTH_URL's, or in development http://localhost:PORT.
 * Sign-in links, every emailed or calendar URL, Auth.js's redirects and the CSP's
 * form-action all come from it, never from the request's Host or X-Forwarded-Host.
 */
export function siteOrigin(): string {
  return getEnv().siteOrigin;
}

/** Absolute links in emails and calendar files need the public origin, not the request's. */
export function siteUrl(path = "/"): string {
  return new URL(path, siteOrigin()).toString();
}

/** The community organizers' address (ORGANIZERS_EMAIL): where to ask for a domain the registry lacks. */
export function organizersEmail(): string {
  return getEnv().ORGANIZERS_EMAIL;
}
