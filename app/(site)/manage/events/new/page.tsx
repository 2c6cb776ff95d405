import type { Metadata } from "next";
import { requireRolePage } from "@/lib/auth/guards";
import { newEventFormDefaults } from "@/lib/events/manage-read";
import { createEventAction } from "../actions";
import { EventForm } from "../event-form";
import { Breadcrumbs } from "@/components/breadcrumbs";

export const metadata: Metadata = { title: "Create event" };

export default async function NewEventPage() {
  const viewer = await requireRolePage("/manage/events/new", ["organizer", "admin"]);
  // The next free weekday at 2 PM in the organizer's zone, one hour, virtual: see lib/events/default-slot.ts.
  const defaults = await newEventFormDefaults(viewer);
  return (
    <div className="grid-container usa-section">
      <Breadcrumbs trail={[{ href: "/manage/events", label: "Manage events" }]} current="Create event" />
      <h1>Create event</h1>
      <p className="usa-intro">
        Save a draft to preview the event first. Only organizers see it until you publish it. Save and publish puts it on the public calendar at once.
      </p>
      <EventForm action={createEventAction} defaults={defaults} submitLabel="Save draft" publishLabel="Save and publish" repeats />
    </div>
  );
}
