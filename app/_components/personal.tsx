"use client";

import { usePathname } from "next/navigation";
import { createContext, use, useEffect, useState } from "react";
import { perRequestUrl, SCRIPT_COOKIE, type PersonalAnswer } from "@/lib/personal-answer";

type PersonalState = { answer: PersonalAnswer | null };

const PersonalContext = createContext<PersonalState | null>(null);

/**
 * Around the cached pages signed-in members get (app/signed-in): the page is the same bytes for
 * everyone, and this asks /api/me once per address for what is this viewer's own (their name in the
 * header, their RSVP, their links). If that fails, the per-request page, which needs none of this, is
 * loaded instead, so a member is never left with a page that cannot act for them.
 */
export function PersonalProvider({ children }: { children: React.ReactNode }) {
  // A change of address (a link followed inside the cached pages) asks again, about the browser's own
  // address, not the twin's that the proxy rewrote it to.
  const routed = usePathname();
  const [loaded, setLoaded] = useState<{ routed: string | null; answer: PersonalAnswer } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const pathname = window.location.pathname;
    fetch(`/api/me?path=${encodeURIComponent(pathname)}`, { cache: "no-store", signal: controller.signal, headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<PersonalAnswer>) : Promise.reject(new Error(`status ${response.status}`))))
      .then((answer) => setLoaded({ routed, answer }))
      .catch(() => {
        if (!controller.signal.aborted) window.location.replace(perRequestUrl(pathname));
      });
    return () => controller.abort();
  }, [routed]);
  const answer = loaded?.routed === routed ? loaded.answer : null;
  return <PersonalContext value={{ answer }}>{children}</PersonalContext>;
}

/** Null outside a PersonalProvider (per-request pages, whose server already knows the viewer). */
export function usePersonal(): PersonalState | null {
  return use(PersonalContext);
}

/** Marks this browser as one that runs script (see SCRIPT_COOKIE); on every page, once. */
export function ScriptMarker() {
  useEffect(() => {
    if (document.cookie.split("; ").some((pair) => pair === `${SCRIPT_COOKIE}=1`)) return;
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${SCRIPT_COOKIE}=1; path=/; max-age=31536000; samesite=lax${secure}`;
  }, []);
  return null;
}
