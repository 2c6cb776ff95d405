import { Breadcrumbs } from "@/components/breadcrumbs";

/** "Manage resources › <current page>" for the pages below the list. */
export function ResourceBreadcrumbs({ current }: { current: string }) {
  return <Breadcrumbs trail={[{ href: "/manage/resources", label: "Manage resources" }]} current={current} />;
}
