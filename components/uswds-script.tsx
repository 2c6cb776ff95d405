"use client";

import { useEffect } from "react";

/**
 * Loads USWDS's own JavaScript (banner, menu, accordions) once, after hydration,
 * so it never changes markup React has not yet claimed. Its handlers are
 * delegated from document.body, so pages rendered later work too.
 */
export function UswdsScript() {
  useEffect(() => {
    void import("@uswds/uswds");
  }, []);
  return null;
}
