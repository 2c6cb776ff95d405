import type { EventHost, events } from "./schema";

/**
 * The demo community's content: people, events and resources, as data. Times are
 * relative (days from the seeding date, a local wall-clock time); db/seed.ts turns
 * them into rows, so the calendar is always current. Edit content here, logic there.
 */

export const DEMO_ADMIN_EMAIL = "admin@gsa.gov";
export const DEMO_ORGANIZER_EMAIL = "organizer@gsa.gov";

export type Topic = "accessibility" | "analytics" | "plain-language" | "crisis-comms" | "platforms" | "records" | "video" | "strategy";

type DemoPerson = {
  name: string;
  email: string;
  agency: string;
  // registry: what a sign-in would set from the .gov registry (db/seed.test.ts checks they agree).
  organization: string;
  governmentLevel: "federal" | "state" | "local" | "tribal" | "other";
  jobTitle: string;
  timeZone: string;
  directoryOptIn: boolean;
};

export const ADMIN: DemoPerson = {
  name: "Dana Whitfield",
  email: DEMO_ADMIN_EMAIL,
  organization: "General Services Administration",
  governmentLevel: "federal",
  agency: "General Services Administration",
  jobTitle: "Community Manager, Social Media Community of Practice",
  timeZone: "America/New_York",
  directoryOptIn: true,
};

export const ORGANIZER: DemoPerson = {
  name: "Marcus Bell",
  email: DEMO_ORGANIZER_EMAIL,
  organization: "General Services Administration",
  governmentLevel: "federal",
  agency: "General Services Administration",
  jobTitle: "Program Analyst, Digital.gov",
  timeZone: "America/New_York",
  directoryOptIn: true,
};

export const MEMBERS = [
  {
    handle: "priya",
    name: "Priya Raman",
    email: "priya.raman@hhs.gov",
    organization: "Department of Health and Human Services",
    governmentLevel: "federal",
    agency: "Department of Health and Human Services",
    jobTitle: "Digital Communications Specialist",
    timeZone: "America/New_York",
    directoryOptIn: true,
  },
  {
    handle: "james",
    name: "James Okafor",
    email: "james.okafor@nasa.gov",
    organization: "National Aeronautics and Space Administration",
    governmentLevel: "federal",
    agency: "NASA Johnson Space Center",
    jobTitle: "Social Media Manager",
    timeZone: "America/Chicago",
    directoryOptIn: true,
  },
  {
    handle: "lauren",
    name: "Lauren Whitaker",
    email: "lauren.whitaker@epa.gov",
    organization: "Environmental Protection Agency",
    governmentLevel: "federal",
    agency: "Environmental Protection Agency",
    jobTitle: "Public Affairs Specialist",
    timeZone: "America/New_York",
    directoryOptIn: false,
  },
  {
    handle: "miguel",
    name: "Miguel Santos",
    email: "miguel.santos@usda.gov",
    organization: "Department of Agriculture",
    governmentLevel: "federal",
    agency: "U.S. Department of Agriculture, Forest Service",
    jobTitle: "Digital Engagement Lead",
    timeZone: "America/Denver",
    directoryOptIn: true,
  },
  {
    handle: "hannah",
    name: "Hannah Kim",
    email: "hannah.kim@va.gov",
    organization: "Department of Veterans Affairs",
    governmentLevel: "federal",
    agency: "Department of Veterans Affairs",
    jobTitle: "Social Media Strategist",
    timeZone: "America/Los_Angeles",
    directoryOptIn: false,
  },
  {
    handle: "derek",
    name: "Derek Johnson",
    email: "derek.johnson@cdc.gov",
    organization: "Department of Health and Human Services",
    governmentLevel: "federal",
    agency: "Centers for Disease Control and Prevention",
    jobTitle: "Health Communication Specialist",
    timeZone: "America/New_York",
    directoryOptIn: true,
  },
  {
    handle: "kalani",
    name: "Kalani Akana",
    email: "kalani.akana@nps.gov",
    organization: "Department of the Interior",
    governmentLevel: "federal",
    agency: "National Park Service, Hawaiʻi Volcanoes National Park",
    jobTitle: "Digital Media Specialist",
    timeZone: "Pacific/Honolulu",
    directoryOptIn: true,
  },
  {
    handle: "maria",
    name: "Maria Cruz",
    email: "maria.cruz@us.af.mil",
    organization: "Department of Defense",
    governmentLevel: "federal",
    agency: "U.S. Air Force, 36th Wing, Andersen Air Force Base",
    jobTitle: "Public Affairs Officer",
    timeZone: "Pacific/Guam",
    directoryOptIn: false,
  },
  {
    handle: "tyler",
    name: "Tyler Brooks",
    email: "tyler.brooks@army.mil",
    organization: "Department of Defense",
    governmentLevel: "federal",
    agency: "U.S. Army, III Armored Corps",
    jobTitle: "Digital Media Chief",
    timeZone: "America/Chicago",
    directoryOptIn: false,
  },
  {
    handle: "samantha",
    name: "Samantha Reyes",
    email: "samantha.reyes@navy.mil",
    organization: "Department of Defense",
    governmentLevel: "federal",
    agency: "U.S. Navy, Naval Base San Diego",
    jobTitle: "Mass Communication Specialist",
    timeZone: "America/Los_Angeles",
    directoryOptIn: true,
  },
  {
    handle: "olivia",
    name: "Olivia Grant",
    email: "olivia.grant@noaa.gov",
    organization: "Department of Commerce",
    governmentLevel: "federal",
    agency: "National Oceanic and Atmospheric Administration",
    jobTitle: "Digital Content Strategist",
    timeZone: "America/Denver",
    directoryOptIn: false,
  },
  {
    handle: "benjamin",
    name: "Benjamin Carter",
    email: "benjamin.carter@ssa.gov",
    organization: "Social Security Administration",
    governmentLevel: "federal",
    agency: "Social Security Administration",
    jobTitle: "Plain Language Coordinator",
    timeZone: "America/New_York",
    directoryOptIn: false,
  },
  // registry: two members outside the federal government, so audiences and reach have something to show.
  {
    handle: "rosa",
    name: "Rosa Delgado",
    email: "rosa.delgado@ca.gov",
    organization: "State of California",
    governmentLevel: "state",
    agency: "California Department of Technology",
    jobTitle: "Digital Engagement Lead",
    timeZone: "America/Los_Angeles",
    directoryOptIn: true,
  },
  {
    handle: "evan",
    name: "Evan Marsh",
    email: "evan.marsh@austintexas.gov",
    organization: "City of Austin",
    governmentLevel: "local",
    agency: "City of Austin Communications and Public Information Office",
    jobTitle: "Social Media Coordinator",
    timeZone: "America/Chicago",
    directoryOptIn: false,
  },
] as const satisfies readonly (DemoPerson & { handle: string })[];

export type MemberHandle = (typeof MEMBERS)[number]["handle"];

export const DEMO_MEMBER_EMAILS: readonly string[] = MEMBERS.map((member) => member.email);

export const GSA_HQ = "GSA Headquarters, 1800 F St NW, Washington, DC 20405";

type EventRow = typeof events.$inferSelect;

export type DemoEvent = {
  /** Lets resources point at the event they came from. */
  key?: string;
  title: string;
  summary: string;
  body: string;
  kind: EventRow["kind"];
  format: EventRow["format"];
  location?: string;
  timeZone: string;
  /** Days from the seeding date; a weekend lands on the Monday after. */
  day: number;
  at: readonly [hour: number, minute: 0 | 30];
  minutes: number;
  tags: Topic[];
  hosts: EventHost[];
  capacity?: number;
  rsvpDeadlineDays?: number;
  status?: "draft" | "cancelled";
  cancellationMessage?: string;
  going?: MemberHandle[];
  waitlisted?: MemberHandle[];
  cancelled?: MemberHandle[];
  checkedIn?: MemberHandle[];
};

/** Strips the source indentation so Markdown bodies read naturally here. */
function md(strings: TemplateStringsArray): string {
  const lines = strings.join("").replace(/^\n/, "").trimEnd().split("\n");
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent)).join("\n");
}

export const DEMO_EVENTS: DemoEvent[] = [
  {
    key: "alt-text",
    title: "Alt Text That Works on Every Platform",
    summary: "How to write useful image descriptions for X, Facebook, Instagram, LinkedIn and Bluesky, and where each platform hides the field.",
    body: md`
      Every image your agency posts needs a text alternative, and every platform handles it a little differently.

      ## What we'll cover
      - Where the alt text field lives on each major platform, including mobile apps
      - Writing descriptions that convey purpose, not just appearance
      - Charts, infographics and screenshots of text
      - When to use image captions instead of (or in addition to) alt text

      Bring a recent post you'd like feedback on.
    `,
    kind: "educational",
    format: "virtual",
    timeZone: "America/New_York",
    day: -84,
    at: [14, 0],
    minutes: 60,
    tags: ["accessibility"],
    hosts: [
      { name: "Priya Raman", role: "Presenter", agency: "HHS" },
      { name: "Dana Whitfield", role: "Moderator", agency: "GSA" },
    ],
    going: ["priya", "james", "lauren", "derek", "kalani", "samantha", "benjamin"],
    checkedIn: ["priya", "james", "derek", "kalani", "benjamin"],
  },
  {
    key: "crisis-hurricane",
    title: "Crisis Communications: Lessons from Hurricane Season",
    summary: "Public affairs teams from FEMA and CDC walk through what worked, and what didn't, on social media during this year's storms.",
    body: md`
      When the power is out and cell networks are congested, a social post may be the only official information people see.

      ## Panel topics
      - Pre-scripted messages and approval chains that move at storm speed
      - Countering rumors without amplifying them
      - Coordinating with state, local, tribal and territorial partners
      - Posting for people reading on a low battery and a weak signal

      A recording and the slides will be shared with attendees afterward.
    `,
    kind: "educational",
    format: "virtual",
    timeZone: "America/New_York",
    day: -70,
    at: [13, 0],
    minutes: 90,
    tags: ["crisis-comms", "strategy"],
    hosts: [
      { name: "Renee Caldwell", role: "Panelist", agency: "FEMA" },
      { name: "Derek Johnson", role: "Panelist", agency: "CDC" },
      { name: "Marcus Bell", role: "Moderator", agency: "GSA" },
    ],
    going: ["derek", "maria", "kalani", "tyler", "hannah", "olivia"],
    checkedIn: ["derek", "maria", "tyler", "olivia"],
  },
  {
    title: "Social Media Office Hours",
    summary: "Drop in with your questions about accounts, policy, tools or a tricky post. No agenda, no slides.",
    body: md`
      Bring a question, a draft post, or a problem you're stuck on. Community organizers and experienced members answer live.

      Common topics: account verification, third-party tools and FedRAMP, comment moderation, and handing off an account when someone leaves.
    `,
    kind: "office_hours",
    format: "virtual",
    timeZone: "America/New_York",
    day: -56,
    at: [15, 0],
    minutes: 45,
    tags: ["strategy", "platforms"],
    hosts: [{ name: "Marcus Bell", role: "Host", agency: "GSA" }],
    going: ["miguel", "benjamin", "lauren"],
    checkedIn: ["miguel", "lauren"],
  },
  {
    key: "records",
    title: "Records Management for Social Media: What NARA Expects",
    summary: "Which posts, comments and direct messages are federal records, how long to keep them, and the tools agencies use to capture them.",
    body: md`
      Social media content is often a federal record. This session explains what the National Archives expects and how agencies meet it in practice.

      ## Agenda
      1. NARA Bulletin 2014-02 and the General Records Schedules, in plain terms
      2. Capturing posts, comments and direct messages
      3. Working with your agency records officer
      4. Q&A

      Seating in the GSA auditorium is limited; the session is also streamed.
    `,
    kind: "educational",
    format: "hybrid",
    location: GSA_HQ,
    timeZone: "America/New_York",
    day: -49,
    at: [11, 0],
    minutes: 90,
    tags: ["records"],
    hosts: [
      { name: "Angela Ruiz", role: "Presenter", agency: "National Archives and Records Administration" },
      { name: "Lauren Whitaker", role: "Panelist", agency: "EPA" },
    ],
    capacity: 40,
    rsvpDeadlineDays: 2,
    going: ["lauren", "priya", "tyler", "benjamin", "samantha"],
    checkedIn: ["lauren", "priya", "benjamin", "samantha"],
  },
  {
    key: "analytics",
    title: "Measuring What Matters: Social Media Analytics for Agencies",
    summary: "A hands-on workshop on choosing metrics that connect to your mission instead of vanity numbers.",
    body: md`
      Likes are easy to count and hard to explain to leadership. In this workshop you'll build a measurement plan that ties social activity to outcomes.

      ## You'll leave with
      - A one-page measurement plan template filled in for one of your campaigns
      - A short list of metrics per platform that actually mean something
      - Ideas for pairing social data with the Digital Analytics Program

      Please have access to at least one of your agency's platform dashboards.
    `,
    kind: "workshop",
    format: "virtual",
    timeZone: "America/Denver",
    day: -35,
    at: [11, 0],
    minutes: 120,
    tags: ["analytics"],
    hosts: [
      { name: "Olivia Grant", role: "Facilitator", agency: "NOAA" },
      { name: "James Okafor", role: "Facilitator", agency: "NASA" },
    ],
    capacity: 100,
    going: ["james", "miguel", "olivia", "hannah", "priya", "derek", "maria", "samantha"],
    checkedIn: ["james", "miguel", "olivia", "priya", "derek", "samantha"],
  },
  {
    title: "West Coast Social Media Meetup",
    summary: "An afternoon of conversation with federal communicators based in California, Oregon and Washington.",
    body: md`
      Meet the people behind the accounts. Short lightning talks, then time to talk shop.

      - Three five-minute talks from members
      - Open networking
      - Light refreshments (bring your own cup)

      Building security requires a government ID; allow 15 minutes to get through screening.
    `,
    kind: "networking",
    format: "in_person",
    location: "GSA Pacific Rim Region, 50 United Nations Plaza, San Francisco, CA",
    timeZone: "America/Los_Angeles",
    day: -28,
    at: [16, 0],
    minutes: 90,
    tags: ["strategy"],
    hosts: [{ name: "Hannah Kim", role: "Host", agency: "VA" }],
    capacity: 25,
    rsvpDeadlineDays: 3,
    going: ["hannah", "samantha"],
    checkedIn: ["hannah", "samantha"],
  },
  {
    key: "captions",
    title: "Captioning Short-Form Video for Section 508",
    summary: "Open versus closed captions, auto-caption cleanup, and a workflow that gets Reels, Shorts and TikTok-style video out the door accessibly.",
    body: md`
      Short vertical video is everywhere, and so are inaccurate auto-captions. This workshop builds a repeatable captioning workflow.

      ## Topics
      - What Section 508 requires for prerecorded video
      - Burned-in (open) captions versus caption files
      - Fixing auto-captions quickly: names, acronyms, numbers
      - Style: line length, speaker identification, sound descriptions

      Bring a short video you've published recently.
    `,
    kind: "workshop",
    format: "virtual",
    timeZone: "America/New_York",
    day: -21,
    at: [14, 0],
    minutes: 75,
    tags: ["accessibility", "video"],
    hosts: [
      { name: "Samantha Reyes", role: "Presenter", agency: "U.S. Navy" },
      { name: "Carla Nguyen", role: "Presenter", agency: "Section508.gov, GSA" },
    ],
    going: ["james", "kalani", "samantha", "tyler", "priya"],
    checkedIn: ["james", "kalani", "tyler"],
  },
  {
    key: "plain-language",
    title: "Plain Language for Social Posts",
    summary: "Apply the Federal Plain Language Guidelines to 280 characters: shorter words, active voice and one idea per post.",
    body: md`
      The Plain Writing Act applies to social media too. We'll rewrite real agency posts together.

      ## Practice
      - Lead with what the reader needs to do
      - Replace jargon and acronyms
      - Write links and calls to action that say where they go

      Come ready to edit: we'll work in breakout rooms.
    `,
    kind: "educational",
    format: "virtual",
    timeZone: "America/Chicago",
    day: -10,
    at: [12, 0],
    minutes: 60,
    tags: ["plain-language"],
    hosts: [{ name: "Benjamin Carter", role: "Presenter", agency: "SSA" }],
    going: ["benjamin", "lauren", "tyler", "miguel", "derek"],
    checkedIn: ["benjamin", "lauren", "tyler", "miguel"],
  },
  {
    title: "Social Media Office Hours",
    summary: "Drop in with your questions about accounts, policy, tools or a tricky post. No agenda, no slides.",
    body: md`
      Bring a question, a draft post, or a problem you're stuck on. Community organizers and experienced members answer live.

      This month we'll start with five minutes on updating platform terms of service agreements.
    `,
    kind: "office_hours",
    format: "virtual",
    timeZone: "America/New_York",
    day: 3,
    at: [15, 0],
    minutes: 45,
    tags: ["strategy", "platforms"],
    hosts: [{ name: "Marcus Bell", role: "Host", agency: "GSA" }],
    going: ["kalani", "maria"],
  },
  {
    title: "Hands-On Alt Text Clinic",
    summary: "A small-group, in-person session: bring your agency's toughest images and leave with descriptions you can publish.",
    body: md`
      A follow-up to our alt text session, kept deliberately small so everyone gets individual feedback.

      ## Bring
      - Three to five images from your agency's accounts (charts and infographics welcome)
      - A laptop

      Seats are limited to five. If you can no longer attend, please cancel so the next person on the waitlist gets your seat.
    `,
    kind: "workshop",
    format: "in_person",
    location: `${GSA_HQ}, Room 1E-210`,
    timeZone: "America/New_York",
    day: 6,
    at: [10, 0],
    minutes: 90,
    tags: ["accessibility"],
    hosts: [
      { name: "Priya Raman", role: "Facilitator", agency: "HHS" },
      { name: "Carla Nguyen", role: "Facilitator", agency: "Section508.gov, GSA" },
    ],
    capacity: 5,
    rsvpDeadlineDays: 1,
    going: ["priya", "lauren", "derek", "benjamin", "tyler"],
    waitlisted: ["olivia", "miguel", "samantha"],
  },
  {
    title: "Platform Policy Update: TikTok, Threads and Bluesky",
    summary: "Where federal policy stands on newer platforms, what the No TikTok on Government Devices Act requires, and how agencies evaluate a new network.",
    body: md`
      New platforms appear faster than policy can follow. This briefing covers the current rules and a practical checklist for evaluating any new network.

      ## Agenda
      - The No TikTok on Government Devices Act and OMB implementation guidance
      - Terms of service agreements negotiated for federal use
      - Privacy, records and accessibility questions to ask before you launch
      - Q&A with the GSA terms of service team
    `,
    kind: "educational",
    format: "virtual",
    timeZone: "America/New_York",
    day: 9,
    at: [13, 0],
    minutes: 60,
    tags: ["platforms", "strategy"],
    hosts: [
      { name: "Dana Whitfield", role: "Presenter", agency: "GSA" },
      { name: "Robert Chen", role: "Presenter", agency: "GSA Office of General Counsel" },
    ],
    going: ["priya", "james", "lauren", "miguel", "hannah", "derek", "tyler", "samantha", "benjamin"],
    cancelled: ["olivia"],
  },
  {
    title: "Livestreaming Town Halls Across Platforms",
    summary: "Simulcasting a live event to YouTube, Facebook and LinkedIn with live captions and a records plan.",
    body: md`
      A practical walkthrough of running an accessible livestream: encoder setup, live captioning (CART) and moderating comments in real time.
    `,
    kind: "workshop",
    format: "virtual",
    timeZone: "America/Los_Angeles",
    day: 12,
    at: [11, 0],
    minutes: 90,
    tags: ["video", "platforms"],
    hosts: [{ name: "Hannah Kim", role: "Presenter", agency: "VA" }],
    status: "cancelled",
    cancellationMessage:
      "Our presenter has been called away for an agency emergency response. We plan to reschedule next quarter; watch your email for the new date.",
  },
  {
    title: "Writing for the First Hour of an Emergency",
    summary: "A tabletop exercise: draft, approve and post the first five messages of a fast-moving severe weather event.",
    body: md`
      The first hour sets the tone for everything after. Working in small teams, you'll respond to a simulated severe weather scenario as it unfolds.

      ## Format
      - Scenario briefing
      - Three timed drafting rounds with injects
      - Debrief: speed, accuracy, plain language and accessibility

      In-person seats are at the FEMA Region 5 office; virtual participants join breakout teams online.
    `,
    kind: "workshop",
    format: "hybrid",
    location: "FEMA Region 5, 536 S Clark St, Chicago, IL",
    timeZone: "America/Chicago",
    day: 13,
    at: [10, 0],
    minutes: 120,
    tags: ["crisis-comms", "plain-language"],
    hosts: [
      { name: "Renee Caldwell", role: "Facilitator", agency: "FEMA" },
      { name: "Tyler Brooks", role: "Facilitator", agency: "U.S. Army" },
    ],
    capacity: 40,
    rsvpDeadlineDays: 2,
    going: ["tyler", "derek", "james", "olivia"],
  },
  {
    title: "Archiving Comments and Direct Messages",
    summary: "How three agencies capture and schedule social media interactions, from manual exports to automated archiving tools.",
    body: md`
      A practitioner follow-up to our records management session. Three agencies show their actual setup and what it costs to run.

      - Manual exports: when they are enough
      - Automated capture tools and their limits
      - Applying your records schedule to comments and DMs
    `,
    kind: "educational",
    format: "virtual",
    timeZone: "America/New_York",
    day: 16,
    at: [14, 0],
    minutes: 60,
    tags: ["records"],
    hosts: [
      { name: "Angela Ruiz", role: "Moderator", agency: "National Archives and Records Administration" },
      { name: "Lauren Whitaker", role: "Panelist", agency: "EPA" },
    ],
    going: ["lauren", "benjamin", "priya"],
  },
  {
    title: "Rocky Mountain Digital Communicators Meetup",
    summary: "Meet federal social media and web teams from across the Mountain West.",
    body: md`
      An informal meetup for communicators in Colorado, Utah, Wyoming and Montana. We'll start with introductions and a short talk on covering wildfire season, then mingle.

      The Denver Federal Center requires a REAL ID-compliant identification at the gate.
    `,
    kind: "networking",
    format: "in_person",
    location: "Denver Federal Center, Building 41, W 6th Ave & Kipling St, Lakewood, CO",
    timeZone: "America/Denver",
    day: 20,
    at: [16, 0],
    minutes: 90,
    tags: ["strategy"],
    hosts: [
      { name: "Miguel Santos", role: "Host", agency: "USDA Forest Service" },
      { name: "Olivia Grant", role: "Host", agency: "NOAA" },
    ],
    capacity: 25,
    rsvpDeadlineDays: 3,
    going: ["miguel", "olivia"],
  },
  {
    title: "Building a Social Media Dashboard with Free Tools",
    summary: "Pull platform exports into a spreadsheet-based dashboard that updates monthly and that leadership will actually read.",
    body: md`
      No budget? No problem. We'll build a simple, accessible dashboard from platform CSV exports.

      ## Steps
      1. Export data from each platform
      2. Normalize it in a shared spreadsheet
      3. Chart the few metrics in your measurement plan
      4. Write the one-paragraph summary that goes on top

      Recommended: attend or watch "Measuring What Matters" first.
    `,
    kind: "workshop",
    format: "virtual",
    timeZone: "America/New_York",
    day: 23,
    at: [13, 0],
    minutes: 120,
    tags: ["analytics"],
    hosts: [{ name: "James Okafor", role: "Facilitator", agency: "NASA" }],
    capacity: 100,
    going: ["james", "hannah", "miguel", "priya", "samantha", "olivia"],
  },
  {
    title: "Pacific Islands Public Affairs Roundtable",
    summary: "Communicators in Hawaiʻi and the Pacific territories compare notes on tsunami messaging, multilingual posts and reaching rural communities.",
    body: md`
      Scheduled for Hawaiʻi mornings so colleagues across the Pacific can join during working hours.

      ## Discussion
      - Tsunami and volcano alerts: coordinating with NOAA and county agencies
      - Posting in ʻŌlelo Hawaiʻi, Chamorro, Samoan and other languages
      - Reaching communities with limited connectivity
    `,
    kind: "networking",
    format: "virtual",
    timeZone: "Pacific/Honolulu",
    day: 27,
    at: [9, 0],
    minutes: 60,
    tags: ["crisis-comms", "strategy"],
    hosts: [{ name: "Kalani Akana", role: "Host", agency: "National Park Service" }],
    going: ["kalani", "maria", "samantha"],
  },
  {
    title: "Guam and Micronesia Social Media Check-In",
    summary: "A monthly check-in for federal and military communicators in Guam and the Northern Mariana Islands.",
    body: md`
      Held on Guam time. Share what's working, swap typhoon season prep, and meet new colleagues in the region.
    `,
    kind: "networking",
    format: "virtual",
    timeZone: "Pacific/Guam",
    day: 30,
    at: [8, 30],
    minutes: 60,
    tags: ["crisis-comms", "platforms"],
    hosts: [{ name: "Maria Cruz", role: "Host", agency: "U.S. Air Force" }],
    going: ["maria", "kalani"],
  },
  {
    title: "Social Media Office Hours",
    summary: "Drop in with your questions about accounts, policy, tools or a tricky post. No agenda, no slides.",
    body: md`
      Bring a question, a draft post, or a problem you're stuck on. Community organizers and experienced members answer live.
    `,
    kind: "office_hours",
    format: "virtual",
    timeZone: "America/New_York",
    day: 31,
    at: [15, 0],
    minutes: 45,
    tags: ["strategy", "platforms"],
    hosts: [{ name: "Marcus Bell", role: "Host", agency: "GSA" }],
  },
  {
    title: "Audio Description and Captions for Agency Video",
    summary: "When a video needs audio description, how to script it, and how to publish described versions on social platforms.",
    body: md`
      Captions serve people who can't hear the audio; audio description serves people who can't see the video. Section 508 requires both for prerecorded video that conveys information visually.

      ## Topics
      - Deciding when description is needed
      - Writing an integrated script so the video needs no separate description track
      - Publishing described versions where platforms lack a description track
    `,
    kind: "educational",
    format: "virtual",
    timeZone: "America/Los_Angeles",
    day: 34,
    at: [10, 0],
    minutes: 75,
    tags: ["video", "accessibility"],
    hosts: [
      { name: "Carla Nguyen", role: "Presenter", agency: "Section508.gov, GSA" },
      { name: "Hannah Kim", role: "Moderator", agency: "VA" },
    ],
    going: ["hannah", "samantha", "james", "kalani"],
  },
  {
    title: "Plain Language Peer Review Session",
    summary: "Trade drafts with colleagues from other agencies and get concrete plain language feedback in small groups.",
    body: md`
      Submit up to three draft posts or a short web page by the day before. You'll review two colleagues' drafts and receive two reviews of your own, using the plainlanguage.gov checklist.
    `,
    kind: "workshop",
    format: "virtual",
    timeZone: "America/New_York",
    day: 38,
    at: [11, 30],
    minutes: 90,
    tags: ["plain-language"],
    hosts: [{ name: "Benjamin Carter", role: "Facilitator", agency: "SSA" }],
    capacity: 25,
    rsvpDeadlineDays: 2,
    going: ["benjamin", "lauren", "derek"],
  },
  {
    title: "Building an Annual Social Media Strategy",
    summary: "Turn your agency's priorities into a one-year social media plan with goals, audiences, content pillars and a measurement plan.",
    body: md`
      A working session for team leads. Bring your agency's strategic plan or priority goals.

      ## Outline
      1. Audiences and the channels they use
      2. Content pillars tied to mission goals
      3. Staffing, approvals and a realistic posting calendar
      4. How you'll measure and report progress
    `,
    kind: "workshop",
    format: "hybrid",
    location: GSA_HQ,
    timeZone: "America/New_York",
    day: 44,
    at: [13, 0],
    minutes: 120,
    tags: ["strategy", "analytics"],
    hosts: [
      { name: "Dana Whitfield", role: "Facilitator", agency: "GSA" },
      { name: "Priya Raman", role: "Facilitator", agency: "HHS" },
    ],
    capacity: 40,
    rsvpDeadlineDays: 3,
    going: ["priya", "tyler", "hannah"],
  },
  {
    title: "Generative AI and Social Content: Policy and Practice",
    summary: "What current federal AI guidance means for drafting posts, generating images and disclosing AI use to the public.",
    body: md`
      Many teams are experimenting with AI tools. This session covers the guardrails.

      - Federal and agency AI use policies that apply to communications
      - Disclosure, accuracy review and records considerations
      - Accessibility of AI-generated images and alt text
    `,
    kind: "educational",
    format: "virtual",
    timeZone: "America/New_York",
    day: 51,
    at: [14, 0],
    minutes: 60,
    tags: ["platforms", "strategy"],
    hosts: [
      { name: "Robert Chen", role: "Presenter", agency: "GSA Office of General Counsel" },
      { name: "Derek Johnson", role: "Panelist", agency: "CDC" },
    ],
    going: ["priya", "james", "derek", "olivia", "benjamin", "maria"],
  },
  {
    title: "Accessible Emoji, Hashtags and Special Characters",
    summary: "How screen readers announce emoji, CamelCase hashtags and fancy Unicode text, and what to do instead.",
    body: md`
      Draft agenda; speakers to be confirmed.

      - Live screen reader demo: emoji, hashtags, Unicode "bold" text
      - Guidance for emoji placement and count
    `,
    kind: "educational",
    format: "virtual",
    timeZone: "America/New_York",
    day: 58,
    at: [14, 0],
    minutes: 60,
    tags: ["accessibility"],
    hosts: [{ name: "Carla Nguyen", role: "Presenter", agency: "Section508.gov, GSA" }],
    status: "draft",
  },
  {
    title: "Annual Community Meetup",
    summary: "Our yearly gathering: member lightning talks, a look back at the year and the community's plans for the next one.",
    body: md`
      Join us at GSA Headquarters or online for the community's annual meetup.

      ## Program
      - Welcome from the Technology Transformation Services
      - Lightning talks from members (submissions open now)
      - Year in review and next year's event plan
      - Networking reception for in-person attendees
    `,
    kind: "networking",
    format: "hybrid",
    location: GSA_HQ,
    timeZone: "America/New_York",
    day: 65,
    at: [15, 0],
    minutes: 120,
    tags: ["strategy"],
    hosts: [
      { name: "Dana Whitfield", role: "Host", agency: "GSA" },
      { name: "Marcus Bell", role: "Host", agency: "GSA" },
    ],
    capacity: 100,
    rsvpDeadlineDays: 5,
    going: ["lauren", "tyler"],
  },
];

export type DemoResource = {
  title: string;
  description: string;
  type: "slides" | "recording" | "toolkit" | "guide" | "template" | "link";
  url: string;
  topics: Topic[];
  /** Materials from an event are posted the day after it; others this many days ago. */
  from: { event: string } | { daysAgo: number };
  /** captions: a recording's pasted transcript; with it the demo organizer vouches that the linked player shows captions. */
  transcript?: string;
};

// captions: recordings are shown only with captions and a transcript. The demo's are links whose player carries captions,
// so each has a short transcript (demo text) and the organizer's word for the captions, as a real organizer would give.
const demoTranscript = (title: string, summary: string) =>
  `Transcript: ${title} (demo data)\n\nHost: Welcome, everyone, and thanks for joining. Captions are on in the player; this transcript is here for anyone who prefers to read.\n\n${summary}\n\nHost: Thank you all. The slides are in the library, and we'll see you at the next session.`;

const RECORDINGS_URL = "https://www.youtube.com/@DigitalGov/videos";

export const DEMO_RESOURCES: DemoResource[] = [
  {
    title: "Slides: Alt Text That Works on Every Platform",
    description: "Platform-by-platform screenshots of where to add alt text, with before-and-after examples.",
    type: "slides",
    url: "https://digital.gov/resources/improving-the-accessibility-of-social-media-in-government/",
    topics: ["accessibility"],
    from: { event: "alt-text" },
  },
  {
    title: "Recording: Alt Text That Works on Every Platform",
    description: "Full session recording with captions.",
    type: "recording",
    url: RECORDINGS_URL,
    topics: ["accessibility", "video"],
    from: { event: "alt-text" },
    transcript: demoTranscript(
      "Alt Text That Works on Every Platform",
      "Speaker: Today we'll walk through where each platform lets you add alt text, and what makes a description useful rather than just present.",
    ),
  },
  {
    title: "Slides: Crisis Communications Lessons from Hurricane Season",
    description: "Panel slides, including the pre-approved message templates FEMA shared.",
    type: "slides",
    url: "https://www.fema.gov/about/offices/external-affairs",
    topics: ["crisis-comms"],
    from: { event: "crisis-hurricane" },
  },
  {
    title: "Recording: Records Management for Social Media",
    description: "Session recording with NARA's walkthrough of the General Records Schedules.",
    type: "recording",
    url: RECORDINGS_URL,
    topics: ["records"],
    from: { event: "records" },
    transcript: demoTranscript(
      "Records Management for Social Media",
      "Speaker: We'll look at which General Records Schedules cover social media content, and how to capture posts and comments before they disappear.",
    ),
  },
  {
    title: "Slides: Measuring What Matters",
    description: "Workshop slides and the measurement plan worksheet.",
    type: "slides",
    url: "https://digital.gov/topics/analytics/",
    topics: ["analytics"],
    from: { event: "analytics" },
  },
  {
    title: "Recording: Captioning Short-Form Video for Section 508",
    description: "Workshop recording, including the auto-caption cleanup demo.",
    type: "recording",
    url: RECORDINGS_URL,
    topics: ["accessibility", "video"],
    from: { event: "captions" },
    transcript: demoTranscript(
      "Captioning Short-Form Video for Section 508",
      "Speaker: Auto-captions are a starting point. We'll clean up a real transcript together: names, acronyms, punctuation and speaker changes.",
    ),
  },
  {
    title: "Slides: Plain Language for Social Posts",
    description: "Before-and-after rewrites of real agency posts.",
    type: "slides",
    url: "https://www.plainlanguage.gov/resources/content-types/social-media/",
    topics: ["plain-language"],
    from: { event: "plain-language" },
  },
  {
    title: "Federal Plain Language Guidelines",
    description: "The government-wide guidelines for clear writing, from the Plain Language Action and Information Network.",
    type: "guide",
    url: "https://www.plainlanguage.gov/guidelines/",
    topics: ["plain-language"],
    from: { daysAgo: 150 },
  },
  {
    title: "NARA Bulletin 2014-02: Guidance on Managing Social Media Records",
    description: "The National Archives' guidance on identifying and managing social media content that is a federal record.",
    type: "guide",
    url: "https://www.archives.gov/records-mgmt/bulletins/2014/2014-02.html",
    topics: ["records"],
    from: { daysAgo: 140 },
  },
  {
    title: "General Records Schedules",
    description: "NARA's schedules for records common to several or all agencies.",
    type: "link",
    url: "https://www.archives.gov/records-mgmt/grs",
    topics: ["records"],
    from: { daysAgo: 138 },
  },
  {
    title: "Crisis and Emergency Risk Communication (CERC) Manual",
    description: "CDC's principles and tools for communicating during emergencies, including social media chapters.",
    type: "guide",
    url: "https://emergency.cdc.gov/cerc/manual/index.asp",
    topics: ["crisis-comms"],
    from: { daysAgo: 120 },
  },
  {
    title: "Creating Accessible Synchronized Media",
    description: "Section508.gov guidance on captions and audio description for video.",
    type: "toolkit",
    url: "https://www.section508.gov/create/synchronized-media/",
    topics: ["accessibility", "video"],
    from: { daysAgo: 95 },
  },
  {
    title: "Content Strategy and Audit Templates",
    description: "Templates for auditing existing content and planning a content strategy, adaptable to social channels.",
    type: "template",
    url: "https://www.usability.gov/how-to-and-tools/resources/templates.html",
    topics: ["strategy"],
    from: { daysAgo: 80 },
  },
  {
    title: "Digital Analytics Program (DAP)",
    description: "GSA's government-wide web analytics service and its public dashboard.",
    type: "link",
    url: "https://digital.gov/guides/dap/",
    topics: ["analytics"],
    from: { daysAgo: 60 },
  },
  {
    title: "No TikTok on Government Devices Act",
    description: "The text and status of the law restricting TikTok on federal devices.",
    type: "link",
    url: "https://www.congress.gov/bill/117th-congress/senate-bill/1143",
    topics: ["platforms"],
    from: { daysAgo: 30 },
  },
  {
    title: "Social Media Community of Practice on Digital.gov",
    description: "The community's home on Digital.gov, with past events and how to join the mailing list.",
    type: "link",
    url: "https://digital.gov/communities/social-media/",
    topics: ["strategy"],
    from: { daysAgo: 12 },
  },
];
