"use client";

import Link from "next/link";
import { createContext, use } from "react";
import type { PersonalEventParts } from "@/lib/events/personal-parts";
import { ACCOMMODATION_OTHER_MAX } from "@/lib/accommodations/request-schema";
import { AccommodationForm } from "./accommodation-form";
import { usePersonal } from "./personal";
import { RsvpPanel, RsvpProvider } from "./rsvp-panel";

type EventPartsValue = { parts: PersonalEventParts; pending: boolean };

const EventPartsContext = createContext<EventPartsValue | null>(null);

/**
 * The viewer's parts of an event page. On a per-request page the server has them (`server`); on the
 * cached signed-in page they come from /api/me (app/_components/personal.tsx), and until they do the
 * page shows `skeleton` (what a visitor sees) with the RSVP held back, so a member never sees "Sign in
 * to RSVP" flash by.
 */
export function EventPartsProvider({
  server,
  skeleton,
  capacity,
  children,
}: {
  server: PersonalEventParts | null;
  skeleton: PersonalEventParts;
  capacity: number | null;
  children: React.ReactNode;
}) {
  const personal = usePersonal();
  const fetched = personal?.answer;
  const parts = server ?? fetched?.event ?? skeleton;
  const pending = !server && !fetched;
  return (
    <EventPartsContext value={{ parts, pending }}>
      <RsvpProvider initial={parts.rsvpView} capacity={capacity}>
        {children}
      </RsvpProvider>
    </EventPartsContext>
  );
}

function useEventParts(): EventPartsValue {
  const value = use(EventPartsContext);
  if (!value) throw new Error("Event parts must be inside an EventPartsProvider");
  return value;
}

/** "Your time: …" under When, for a viewer whose time zone differs from the event's. */
export function ViewerWhen() {
  const { viewerWhen } = useEventParts().parts;
  if (!viewerWhen) return null;
  return (
    <>
      <br />
      <span className="font-body-2xs">
        Your time: {viewerWhen.date}, {viewerWhen.time}
      </span>
    </>
  );
}

/** Why RSVPs are closed, then the call to action for this viewer, and the member's accommodation form. */
export function RsvpArea({ event }: { event: { id: string; slug: string } }) {
  const { parts, pending } = useEventParts();
  const { area } = parts;
  const returnTo = encodeURIComponent(`/events/${event.slug}`);
  return (
    <>
      {area.closedReason ? <p>{area.closedReason}</p> : null}
      {pending ? (
        <p className="margin-top-2" data-testid="rsvp-pending">
          Loading your RSVP…
        </p>
      ) : null}
      {!pending && area.offer === "sign-in" ? (
        <Link className="usa-button" href={`/signin?callbackUrl=${returnTo}`}>
          Sign in to RSVP
        </Link>
      ) : null}
      {!pending && area.offer === "join" ? (
        <Link className="usa-button" href={`/join?next=${returnTo}`}>
          Finish joining to RSVP
        </Link>
      ) : null}
      {!pending && area.offer === "outside-audience" ? (
        <div className="usa-alert usa-alert--info usa-alert--slim margin-top-2" data-testid="audience-refusal">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{parts.audienceRefusal}</p>
          </div>
        </div>
      ) : null}
      {!pending && area.offer === "panel" ? <RsvpPanel eventId={event.id} /> : null}
      {/* accommodations: the member's own request, never on the bytes every member gets. */}
      {!pending && parts.accommodation ? (
        <AccommodationForm
          eventId={event.id}
          initial={parts.accommodation.request}
          deadlineText={parts.accommodation.deadlineText}
          pastDeadline={parts.accommodation.pastDeadline}
          otherMax={ACCOMMODATION_OTHER_MAX}
        />
      ) : null}
    </>
  );
}

export function ManageEventLink({ eventId }: { eventId: string }) {
  if (!useEventParts().parts.canManage) return null;
  return (
    <p className="margin-top-2">
      <Link href={`/manage/events/${eventId}`} className="usa-link">
        Manage this event
      </Link>
    </p>
  );
}

/** The event's slides, recordings and links, opened by members only (lib/resources decides which links this viewer gets). */
export function EventResources({ slug }: { slug: string }) {
  const { parts, pending } = useEventParts();
  if (parts.resources.length === 0) return null;
  return (
    <section aria-labelledby="resources-heading" className="margin-top-3">
      <h2 id="resources-heading" className="font-heading-md">
        Slides, recordings and resources
      </h2>
      <ul className="usa-list">
        {parts.resources.map((resource) => (
          <li key={resource.id}>
            {resource.href ? (
              <a href={resource.href} className="usa-link">
                {resource.title}
              </a>
            ) : (
              resource.title
            )}{" "}
            <span className="usa-tag bg-base-dark">{resource.type}</span>
            {/* captions: a recording's captions and transcript are on its own page. */}
            {resource.href && resource.type === "recording" ? (
              <>
                {" "}
                <Link href={`/resources/${resource.id}`} className="usa-link">
                  Captions and transcript<span className="usa-sr-only"> for {resource.title}</span>
                </Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {parts.canOpenResources || pending ? null : (
        <p className="font-body-2xs">
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/events/${slug}`)}`} className="usa-link">
            Sign in
          </Link>{" "}
          to open the community&rsquo;s resources.
        </p>
      )}
    </section>
  );
}
