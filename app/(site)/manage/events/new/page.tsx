import type { Metadata } from "next";
import { requireRolePage } from "@/lib/auth/guards";
import { blankEventFormValues } from "@/lib/events/event-schema";
import { DEFAULT_TIME_ZONE } from "@/lib/time";
import { createEventAction } from "../actions";
import { EventForm } from "../event-form";
import { Breadcrumbs } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "Create event" };

export default async function NewEventPage() {
  const viewer = await requireRolePage("/manage/events/new", ["organizer", "admin"]);
  const defaults = blankEventFormValues(viewer.timeZone || DEFAULT_TIME_ZONE);
  return (
    <div className="grid-container usa-section">
      <Breadcrumbs trail={[{ href: "/manage/events", label: "Manage events" }]} current="Create event" />
      <h1>Create event</h1>
      <p className="usa-intro">The event is saved as a draft. Only organizers see it until you publish it.</p>
      <EventForm action={createEventAction} defaults={defaults} submitLabel="Save draft" />
    </div>
  );
}
