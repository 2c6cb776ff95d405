import { DataTable } from "@/components/data-table";
import { listEventAccommodationRequests } from "@/lib/accommodations/requests";
import { ACCOMMODATION_STATUS_LABELS, LATE_NOTE, NEED_LABELS } from "@/lib/accommodations/vocabulary";
import { formatShortStart } from "@/lib/time";
import type { Viewer } from "@/lib/viewer";
import { AccommodationAnswerForm } from "./accommodation-answer-form";

/**
 * What members going or waiting asked for, for the event's own organizer and admins only (lib/ decides,
 * and audits each read). Other organizers see that the list exists, not what is in it.
 */
export async function AccommodationRequests({ viewer, eventId, timeZone }: { viewer: Viewer; eventId: string; timeZone: string }) {
  const list = await listEventAccommodationRequests(viewer, eventId);
  return (
    <section aria-labelledby="accommodations-heading" className="margin-top-5 border-top-1px border-base-lighter padding-top-3">
      <h2 id="accommodations-heading">Accommodation requests</h2>
      {!list.visible ? (
        <p data-testid="accommodations-private">Accommodation requests are private: only the organizer who created this event and admins can see them.</p>
      ) : list.requests.length === 0 ? (
        <p>No accommodation requests for this event.</p>
      ) : (
        <>
          <p>Private: only you and admins see these. Each time this list is shown, the audit log records it. Your note is shown to the member.</p>
          <DataTable stacked label="Accommodation requests" captionHidden columns={["Member", "Asked for", "Answer"]}>
            {list.requests.map((request) => (
              <tr key={request.id} data-testid="accommodation-request">
                <td className="text-top">
                  <span className="text-bold">{request.memberName ?? request.memberEmail}</span>
                  <br />
                  <span className="text-wrap">{request.memberEmail}</span>
                  <br />
                  {request.rsvpStatus === "waitlisted" ? "On the waitlist" : "Going"}, asked{" "}
                  <time dateTime={request.createdAt.toISOString()}>{formatShortStart(request.createdAt, timeZone)}</time>
                </td>
                <td className="text-top">
                  {request.needs.length > 0 ? (
                    <ul className="usa-list margin-top-0">
                      {request.needs.map((need) => (
                        <li key={need}>{NEED_LABELS[need].label}</li>
                      ))}
                    </ul>
                  ) : null}
                  {request.other ? (
                    <p className="margin-top-0" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                      <span className="text-bold">Other:</span> {request.other}
                    </p>
                  ) : null}
                  {request.late ? (
                    <p className="margin-bottom-0">
                      <span className="usa-tag bg-secondary-dark">Late</span> {LATE_NOTE}
                    </p>
                  ) : null}
                  <p className="margin-bottom-0">
                    Now: <span className="text-bold">{ACCOMMODATION_STATUS_LABELS[request.status].tag}</span>
                  </p>
                </td>
                <td className="text-top">
                  <AccommodationAnswerForm requestId={request.id} status={request.status} note={request.organizerNote} />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
