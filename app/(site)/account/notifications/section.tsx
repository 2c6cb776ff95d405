import { getNotificationPreferences } from "@/lib/notifications/preferences";
import type { Viewer } from "@/lib/viewer";
import { NotificationsForm } from "./notifications-form";

/** The optional emails on the account page; each can also be turned off from a link in the email itself. */
export async function NotificationsSection({ viewer }: { viewer: Viewer }) {
  const preferences = await getNotificationPreferences(viewer);
  return (
    <section aria-labelledby="notifications-heading" className="margin-top-5">
      <h2 id="notifications-heading">Email reminders and updates</h2>
      <p>
        Emails about your RSVPs and changes to events you&rsquo;re going to always come. These are optional, and every one of them has a link to turn it off.
      </p>
      <NotificationsForm defaults={preferences} />
    </section>
  );
}
