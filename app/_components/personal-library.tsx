"use client";

import { ManageResourcesLink } from "@/components/manage-resources-link";
import { ResourceAccessNotice } from "@/components/resource-access-notice";
import { ResourceList } from "@/components/resource-list";
import type { LibraryResource } from "@/lib/resources/library";
import { usePersonal } from "./personal";

/** Staff get the way to manage resources; anyone who may not open them (a visitor, someone not yet joined) is told how to. */
export function PersonalLibraryNotice({ returnTo }: { returnTo: string }) {
  const answer = usePersonal()?.answer;
  if (!answer) return null;
  if (answer.viewer?.isMember && answer.viewer.canManage) return <ManageResourcesLink />;
  return answer.library?.canOpen ? null : <ResourceAccessNotice signedIn={Boolean(answer.viewer)} returnTo={returnTo} />;
}

/** The library's first page with this member's links and descriptions (from /api/me); titles only until they arrive. */
export function PersonalLibraryList({ fallback, label }: { fallback: LibraryResource[]; label: string }) {
  const library = usePersonal()?.answer?.library;
  // JSON has no dates: the answer's are strings.
  const items = library ? library.items.map((item) => ({ ...item, createdAt: new Date(item.createdAt) })) : fallback;
  return <ResourceList items={items} label={label} />;
}
