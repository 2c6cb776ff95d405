import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { orNotFound } from "@/app/_components/or-not-found";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { DataTable } from "@/components/data-table";
import { getViewer } from "@/lib/auth/viewer";
import { getSeriesPage } from "@/lib/events/series";
import { formatEventWhen } from "@/lib/time";
import { SeriesRsvpForm } from "./series-rsvp-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string | string[]; updated?: string | string[] }> };

const loadSeries = cache(async (id: string) => orNotFound(getSeriesPage(await getViewer(), id)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const series = await loadSeries(id);
  return { title: `${series.title}: all dates` };
}

const STATUS_LABELS = { draft: "Draft", published: "Open", cancelled: "Cancelled" } as const;
const RSVP_LABELS = { going: "Going", waitlisted: "Waitlisted", cancelled: "—" } as const;

/** A recurring series: its dates, each an event with its own page, and one RSVP for every upcoming date. */
export default async function SeriesPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { created, updated } = await searchParams;
  const [viewer, series] = await Promise.all([getViewer(), loadSeries(id)]);
  const organizer = viewer !== null && (viewer.role === "organizer" || viewer.role === "admin");
  const count = (value: unknown) => (typeof value === "string" && /^\d{1,2}$/.test(value) ? Number(value) : null);
  const justCreated = organizer ? count(created) : null;
  const justUpdated = organizer ? count(updated) : null;
  const member = viewer !== null && viewer.hasJoined;

  return (
    <div className="grid-container usa-section">
      <Breadcrumbs trail={[{ href: "/events", label: "Events" }]} current={`${series.title}: all dates`} />
      <h1>{series.title}</h1>
      <p className="usa-intro">A series that repeats {series.rule}. Each date is its own event: RSVP to one, or to all of them at once.</p>
      {justCreated !== null ? (
        <div className="usa-alert usa-alert--success usa-alert--slim margin-bottom-2" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">Created {justCreated} events in this series.</p>
          </div>
        </div>
      ) : null}
      {justUpdated !== null ? (
        <div className="usa-alert usa-alert--success usa-alert--slim margin-bottom-2" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Saved. {justUpdated} {justUpdated === 1 ? "date" : "dates"} changed; people going get an updated invitation.
            </p>
          </div>
        </div>
      ) : null}

      <DataTable label="Dates in this series" columns={["Date", "Time", "Status", "Seats", ...(member ? ["Your RSVP"] : [])]} stacked>
        {series.occurrences.map((o) => {
          const when = formatEventWhen(o.startsAt, o.endsAt, o.timeZone);
          const href = o.status === "draft" ? `/manage/events/${o.id}` : `/events/${o.slug}`;
          return (
            <tr key={o.id}>
              <th scope="row">
                <Link href={href} className="usa-link">
                  {when.date}
                </Link>
                {o.past ? <span className="usa-hint"> (past)</span> : null}
              </th>
              <td>{when.time}</td>
              <td>{STATUS_LABELS[o.status]}</td>
              <td>
                {o.goingCount} going{o.capacity === null ? "" : ` of ${o.capacity}`}
                {o.waitlistCount > 0 ? `, ${o.waitlistCount} waiting` : ""}
              </td>
              {member ? <td>{o.myRsvp ? RSVP_LABELS[o.myRsvp] : "—"}</td> : null}
            </tr>
          );
        })}
      </DataTable>

      <section aria-labelledby="rsvp-series-heading" className="margin-top-4">
        <h2 id="rsvp-series-heading">RSVP to every date</h2>
        {series.openCount === 0 ? (
          <p>No upcoming dates in this series take RSVPs.</p>
        ) : member ? (
          <>
            <p>One step RSVPs you to each upcoming date. A date that is full puts you on its waitlist; the others still hold your seat.</p>
            <SeriesRsvpForm seriesId={series.id} openCount={series.openCount} />
          </>
        ) : viewer ? (
          <p>
            <Link className="usa-button" href={`/join?next=${encodeURIComponent(`/series/${series.id}`)}`}>
              Finish joining to RSVP
            </Link>
          </p>
        ) : (
          <p>
            <Link className="usa-button" href={`/signin?callbackUrl=${encodeURIComponent(`/series/${series.id}`)}`}>
              Sign in to RSVP
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
