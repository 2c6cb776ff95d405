import type { Metadata } from "next";
import Link from "next/link";
import { RsvpPanel, RsvpProvider } from "@/app/_components/rsvp-panel";
import { requireMemberPage } from "@/lib/auth/guards";
import { listMyRsvps } from "@/lib/events/my-events";
import { formatShortStart } from "@/lib/time";
import { AccommodationRequest } from "@/app/_components/accommodation-request";
import { listOwnAccommodationRequests } from "@/lib/accommodations/requests";

export const metadata: Metadata = { title: "My events" };

export default async function MyEventsPage() {
  const viewer = await requireMemberPage("/account/events");
  const { upcoming, past } = await listMyRsvps(viewer);
  const now = new Date();
  const accommodations = await listOwnAccommodationRequests(
    viewer,
    upcoming.map((rsvp) => rsvp.eventId),
  );
  return (
    <div className="grid-container usa-section">
      <h1>My events</h1>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming</h2>
        {upcoming.length === 0 ? (
          <p>
            You have no upcoming events.{" "}
            <Link href="/events" className="usa-link">
              Browse events
            </Link>
            .
          </p>
        ) : (
          <ul className="usa-list usa-list--unstyled">
            {upcoming.map((rsvp) => (
              <li key={rsvp.eventId} className="border-bottom border-base-lighter padding-y-2" data-testid="my-event">
                <h3 className="margin-y-0">
                  <Link href={`/events/${rsvp.slug}`} className="usa-link">
                    {rsvp.title}
                  </Link>
                </h3>
                <p className="margin-y-05">{formatShortStart(rsvp.startsAt, rsvp.timeZone)}</p>
                {rsvp.eventStatus === "cancelled" ? (
                  <p className="text-secondary-dark text-bold">This event was cancelled.</p>
                ) : (
                  // Seats and the join link are not shown here, only the RSVP itself.
                  <RsvpProvider
                    initial={{ rsvp: { status: rsvp.status, waitlistPosition: rsvp.waitlistPosition }, joinUrl: null, goingCount: 0 }}
                    capacity={null}
                    refreshPage
                  >
                    <RsvpPanel eventId={rsvp.eventId} />
                    {rsvp.startsAt > now ? (
                      <AccommodationRequest
                        viewer={viewer}
                        event={{ id: rsvp.eventId, startsAt: rsvp.startsAt, timeZone: rsvp.timeZone }}
                        request={accommodations.get(rsvp.eventId) ?? null}
                        headingLevel={4}
                      />
                    ) : null}
                  </RsvpProvider>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="past-heading" className="margin-top-4">
        <h2 id="past-heading">Past</h2>
        {past.length === 0 ? (
          <p>No past events yet.</p>
        ) : (
          <ul className="usa-list">
            {past.map((rsvp) => (
              <li key={rsvp.eventId}>
                <Link href={`/events/${rsvp.slug}`} className="usa-link">
                  {rsvp.title}
                </Link>{" "}
                ({formatShortStart(rsvp.startsAt, rsvp.timeZone)}){rsvp.status === "waitlisted" ? ", waitlisted" : ""}
                {rsvp.checkedIn ? ", attended" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
