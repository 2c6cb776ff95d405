import { getFeedStatus } from "@/lib/calendar/feed-tokens";
import { formatShortStart } from "@/lib/time";
import type { Viewer } from "@/lib/viewer";
import { CalendarFeedControls } from "./feed-controls";

/** The personal calendar feed on the account page: what it is, and the controls to create, replace or turn off its link. */
export async function CalendarFeedSection({ viewer }: { viewer: Viewer }) {
  const status = await getFeedStatus(viewer);
  return (
    <section aria-labelledby="calendar-feed-heading" className="margin-top-5">
      <h2 id="calendar-feed-heading">Your calendar feed</h2>
      <p>
        Subscribe to your own feed and the events you RSVP to appear in your calendar app, kept up to date as organizers change them. Events you&rsquo;re going
        to show as confirmed, with the link to join online; events you&rsquo;re on the waitlist for show as tentative.
      </p>
      <p>
        The feed link is private: anyone who has it can see those events and their join links. If it gets out, create a new link and the old one stops working.
      </p>
      <CalendarFeedControls enabled={status.enabled} createdLabel={status.createdAt ? formatShortStart(status.createdAt, viewer.timeZone) : null} />
    </section>
  );
}
