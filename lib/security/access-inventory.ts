/**
 * Who may use each page, route handler and server action. The table documents the
 * decision; the code that enforces it sits in lib/, beside each query. Two tests
 * hold the table to the truth: `access-inventory.test.ts` fails when app/ gains an
 * entry point the table does not list, and `e2e/access.spec.ts` asks the running
 * server for every GET entry as each kind of person and checks its answer.
 */

export type Access =
  /** anyone, signed in or not */
  | "public"
  /** anyone with a session, including someone who has not finished joining */
  | "signed-in"
  /** a signed-in member who has joined (accepted the guidelines); disabled accounts have no session */
  | "member"
  | "organizer"
  | "admin"
  /** whoever holds an unguessable token from the URL (feeds) */
  | "token"
  /** only when the dev mailbox is on (development, or DEV_MAILBOX=true); 404 otherwise */
  | "dev-mailbox";

export type AccessEntry = {
  /** route pattern for pages and route handlers, `file#export` for server actions */
  id: string;
  kind: "page" | "route" | "action";
  /** HTTP methods a route handler exports */
  methods?: string[];
  access: Access;
  /** what else narrows it, in the words of the lib function that enforces it */
  scope?: string;
};

export const ACCESS_INVENTORY: AccessEntry[] = [
  // Pages
  { id: "/", kind: "page", access: "public" },
  { id: "/about", kind: "page", access: "public" },
  { id: "/[...missing]", kind: "page", access: "public", scope: "answers every unknown address with the 404 page" },
  { id: "/guidelines", kind: "page", access: "public" },
  { id: "/events", kind: "page", access: "public", scope: "published events only" },
  { id: "/events/[slug]", kind: "page", access: "public", scope: "published or cancelled events; the join link only for members going" },
  {
    id: "/visitor/[...path]",
    kind: "page",
    access: "public",
    scope: "/, /events and /events/[slug] for requests without a session cookie (proxy.ts); renders with no viewer, so only what any visitor may see",
  },
  {
    id: "/signed-in/[...path]",
    kind: "page",
    access: "public",
    scope:
      "/, /events and /events/[slug] for signed-in browsers that run script (proxy.ts); renders with no viewer, so only what any visitor may see; the viewer's own parts come from /api/me",
  },
  { id: "/resources", kind: "page", access: "public", scope: "titles for visitors; opening files and links needs a member" },
  { id: "/signin", kind: "page", access: "public" },
  { id: "/signin/check-email", kind: "page", access: "public" },
  { id: "/signin/confirm", kind: "page", access: "public", scope: "the link's token is spent only by the page's button" },
  { id: "/signin/error", kind: "page", access: "public" },
  { id: "/join", kind: "page", access: "signed-in" },
  { id: "/account", kind: "page", access: "member", scope: "the viewer's own profile" },
  { id: "/account/events", kind: "page", access: "member", scope: "the viewer's own RSVPs" },
  { id: "/members", kind: "page", access: "member", scope: "members who opted in to the directory" },
  { id: "/manage/events", kind: "page", access: "organizer" },
  { id: "/manage/events/new", kind: "page", access: "organizer" },
  { id: "/manage/events/[id]", kind: "page", access: "organizer" },
  { id: "/manage/events/[id]/edit", kind: "page", access: "organizer" },
  // series
  { id: "/manage/events/[id]/edit-following", kind: "page", access: "organizer", scope: "one occurrence of a series and every later one" },
  { id: "/series/[id]", kind: "page", access: "public", scope: "published and cancelled dates of a series (drafts for organizers); the viewer's own RSVPs" },
  { id: "/manage/events/[id]/attendees", kind: "page", access: "organizer" },
  { id: "/manage/events/[id]/attendees/message", kind: "page", access: "organizer" },
  { id: "/manage/events/[id]/reach", kind: "page", access: "organizer", scope: "the organizer who created the event, or an admin (lib/reach/dashboard.ts)" },
  { id: "/manage/reach", kind: "page", access: "organizer", scope: "counts across all published events; no names or emails" },
  { id: "/manage/resources", kind: "page", access: "organizer" },
  { id: "/manage/resources/new", kind: "page", access: "organizer" },
  { id: "/manage/resources/[id]/edit", kind: "page", access: "organizer" },
  { id: "/manage/resources/[id]/remove", kind: "page", access: "organizer" },
  // captions: a recording's captions and transcript; the resource's own page (drafts are 404 to all but organizers).
  { id: "/manage/resources/[id]/captions", kind: "page", access: "organizer" },
  {
    id: "/resources/[id]",
    kind: "page",
    access: "public",
    scope: "title, type and topics for visitors; description, link, captions and transcript for members; a draft recording is 404 to all but organizers",
  },
  { id: "/admin/members", kind: "page", access: "admin" },
  { id: "/admin/mail", kind: "page", access: "admin", scope: "failed notifications and outbox mail: recipient, subject, error; no bodies" },
  // records: records requests and the audit log (lib/records decides, admins only).
  { id: "/admin/records", kind: "page", access: "admin", scope: "lists events to export; the messages export's form" },
  { id: "/admin/records/events/[id]", kind: "page", access: "admin", scope: "counts of what an event's archive holds" },
  { id: "/admin/audit", kind: "page", access: "admin", scope: "every audit entry, with who did it (email) and its detail" },
  { id: "/admin/domains", kind: "page", access: "admin", scope: "registry: domains allowed beyond the .gov registry" },
  { id: "/dev/mailbox", kind: "page", access: "dev-mailbox" },
  { id: "/unsubscribe/[token]", kind: "page", access: "token", scope: "shows a confirm button; GET changes nothing; unknown or tampered token is 404" },
  // surveys
  { id: "/manage/events/[id]/survey", kind: "page", access: "organizer", scope: "answers without names unless the member chose to share theirs" },
  { id: "/manage/events/[id]/survey/edit", kind: "page", access: "organizer", scope: "locked once anyone has answered" },
  {
    id: "/survey/[token]",
    kind: "page",
    access: "token",
    scope: "the HMAC-signed link of one member for one survey, checked against its stored nonce and expiry; GET changes nothing; no-referrer, noindex; anything else is 404",
  },

  // Route handlers
  { id: "/api/health", kind: "route", methods: ["GET"], access: "public" },
  { id: "/api/health/live", kind: "route", methods: ["GET"], access: "public", scope: "says only that the process is up" },
  { id: "/api/health/ready", kind: "route", methods: ["GET"], access: "public", scope: "names each check and its state; no row contents" },
  {
    id: "/api/me",
    kind: "route",
    methods: ["GET"],
    access: "public",
    scope: "the asker's own header and event parts (RSVP, join link, accommodation request, resource links), read for their session; a visitor gets a null viewer and what a visitor sees",
  },
  { id: "/api/metrics", kind: "route", methods: ["GET"], access: "token", scope: "Authorization: Bearer METRICS_TOKEN; 404 when unset or wrong" },
  {
    id: "/api/auth/[...nextauth]",
    kind: "route",
    methods: ["GET", "POST"],
    access: "public",
    scope: "Auth.js with its own CSRF token; POST /signin/nodemailer answers 404 so link requests go through the sign-in action",
  },
  { id: "/calendar/community.ics", kind: "route", methods: ["GET"], access: "public", scope: "published events only" },
  {
    id: "/events/[slug]/calendar.ics",
    kind: "route",
    methods: ["GET"],
    access: "public",
    scope: "published or cancelled events; a signed-in member with an RSVP gets their own copy (lib/calendar/own-copy.ts), private, no-store",
  },
  { id: "/calendar/feed/[token]", kind: "route", methods: ["GET"], access: "token", scope: "the token owner's RSVPs; a replaced or revoked token gets an empty calendar, an unknown one 404" },
  { id: "/resources/[id]/download", kind: "route", methods: ["GET"], access: "member" },
  { id: "/manage/events/[id]/attendees/csv", kind: "route", methods: ["GET"], access: "organizer" },
  { id: "/manage/events/[id]/reach/csv", kind: "route", methods: ["GET"], access: "organizer", scope: "organizers and admins, as managing the event; audited" },
  { id: "/manage/reach/csv", kind: "route", methods: ["GET"], access: "organizer", scope: "audited" },
  { id: "/manage/events/[id]/survey/csv", kind: "route", methods: ["GET"], access: "organizer", scope: "a name only where the member chose to share it; audited" },
  { id: "/manage/resources/upload", kind: "route", methods: ["POST"], access: "organizer", scope: "same-origin POSTs only" },
  // captions: under /manage/resources/upload so the proxy lets it stream (proxy.ts matcher) and it sets its own headers.
  { id: "/manage/resources/upload/[id]/captions", kind: "route", methods: ["POST"], access: "organizer", scope: "same-origin POSTs only" },
  // records: streamed exports, each audited before it starts; a browser's cross-site request is refused.
  {
    id: "/admin/records/events/[id]/archive",
    kind: "route",
    methods: ["GET"],
    access: "admin",
    scope: "an event's records as a zip (attendees' names and emails, messages); accommodation requests only with ?accommodations=on; audited",
  },
  { id: "/admin/records/messages/archive", kind: "route", methods: ["GET"], access: "admin", scope: "every organizer message in a date range, as a zip; audited" },
  { id: "/admin/audit/csv", kind: "route", methods: ["GET"], access: "admin", scope: "the audit log with the page's filters, as CSV; audited" },
  {
    id: "/unsubscribe/[token]/one-click",
    kind: "route",
    methods: ["POST"],
    access: "token",
    scope: "RFC 8058 one-click POST (proxy.ts routes POST /unsubscribe/[token] here); cross-site by design, so the HMAC token is the only credential; turns off one kind of email",
  },

  // Server actions (Next checks their Origin; lib/ checks the viewer)
  { id: "app/(site)/signin/actions.ts#requestSignInLink", kind: "action", access: "public", scope: "eligible addresses; rate limited per client address; one working link per address, re-sent at most twice" },
  { id: "app/(site)/signin/actions.ts#signInWithLoginGov", kind: "action", access: "public" },
  { id: "app/sign-out-action.ts#signOutAction", kind: "action", access: "public", scope: "ends the caller's own session" },
  { id: "app/(site)/join/actions.ts#joinCommunity", kind: "action", access: "signed-in", scope: "the viewer's own profile" },
  { id: "app/(site)/account/actions.ts#saveProfile", kind: "action", access: "member", scope: "the viewer's own profile" },
  { id: "app/(site)/account/actions.ts#signOutEverywhereAction", kind: "action", access: "signed-in", scope: "the viewer's own sessions" },
  { id: "app/(site)/account/actions.ts#deleteAccount", kind: "action", access: "signed-in", scope: "the viewer's own account" },
  { id: "app/(site)/account/calendar-feed/actions.ts#calendarFeedAction", kind: "action", access: "member", scope: "the viewer's own feed token" },
  { id: "app/(site)/account/notifications/actions.ts#saveNotificationPreferences", kind: "action", access: "member", scope: "the viewer's own email choices" },
  { id: "app/(site)/events/[slug]/actions.ts#changeRsvp", kind: "action", access: "member", scope: "the viewer's own RSVP to a published event" },
  {
    id: "app/(site)/events/[slug]/accommodation-actions.ts#requestAccommodationAction",
    kind: "action",
    access: "member",
    scope: "the viewer's own accommodation request, while they hold an RSVP to the event",
  },
  {
    id: "app/(site)/manage/events/[id]/accommodation-actions.ts#answerAccommodationAction",
    kind: "action",
    access: "organizer",
    scope: "requests for events the organizer created (admins: every event); lib/accommodations/requests.ts mayReadRequests",
  },
  { id: "app/(site)/manage/events/actions.ts#createEventAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/events/actions.ts#updateEventAction", kind: "action", access: "organizer" },
  // series
  { id: "app/(site)/manage/events/actions.ts#updateFollowingAction", kind: "action", access: "organizer" },
  {
    id: "app/(site)/series/[id]/actions.ts#rsvpToSeriesAction",
    kind: "action",
    access: "member",
    scope: "the viewer's own RSVP to each upcoming published date, each through the capacity-locked RSVP",
  },
  { id: "app/(site)/manage/events/actions.ts#publishEventAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/events/actions.ts#unpublishEventAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/events/actions.ts#duplicateEventAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/events/actions.ts#cancelEventAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/events/[id]/attendees/actions.ts#checkInAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/events/[id]/attendees/message/actions.ts#messageAttendeesAction", kind: "action", access: "organizer", scope: "kept with its recipients for FOIA" },
  { id: "app/(site)/manage/events/[id]/survey/actions.ts#attachDefaultSurveyAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/events/[id]/survey/actions.ts#updateSurveyAction", kind: "action", access: "organizer", scope: "refused once anyone has answered" },
  { id: "app/(site)/manage/events/[id]/survey/actions.ts#removeSurveyAction", kind: "action", access: "organizer", scope: "refused once anyone has answered" },
  {
    id: "app/(site)/survey/[token]/actions.ts#answerSurveyAction",
    kind: "action",
    access: "token",
    scope: "the page's signed survey link is the credential (lib/surveys/answers.ts); one answer per member, by the database's primary key",
  },
  { id: "app/(site)/manage/resources/actions.ts#createLinkResourceAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/resources/actions.ts#updateResourceAction", kind: "action", access: "organizer" },
  { id: "app/(site)/manage/resources/actions.ts#removeResourceAction", kind: "action", access: "organizer" },
  { id: "app/(site)/admin/members/actions.ts#changeRoleAction", kind: "action", access: "admin", scope: "not one's own role" },
  { id: "app/(site)/admin/members/actions.ts#setDisabledAction", kind: "action", access: "admin", scope: "not one's own account" },
  { id: "app/(site)/admin/domains/actions.ts#allowDomainAction", kind: "action", access: "admin", scope: "registry: a .gov or .mil domain (ALLOWED_EMAIL_DOMAINS), audited" },
  { id: "app/(site)/admin/domains/actions.ts#removeDomainAction", kind: "action", access: "admin", scope: "registry: audited" },
];
