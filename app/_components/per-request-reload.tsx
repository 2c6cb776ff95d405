"use client";

import { useEffect } from "react";
import { perRequestUrl } from "@/lib/personal-answer";

/** Replaces this cached page by its per-request version, which knows the viewer. */
export function PerRequestReload() {
  useEffect(() => window.location.replace(perRequestUrl(window.location.pathname)), []);
  return null;
}
