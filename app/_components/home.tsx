import Link from "next/link";
import { EventCard } from "@/components/event-card";
import { listPublicEvents } from "@/lib/events/queries";
import { countMembers } from "@/lib/members/queries";

/** The home page, the same for everyone: the signed-in route and the cached visitor route both render it. */
export async function HomeContent() {
  const [upcoming, memberCount] = await Promise.all([listPublicEvents({ when: "upcoming", pageSize: 3 }), countMembers()]);
  return (
    <>
      <section className="usa-hero" aria-labelledby="hero-heading">
        <div className="grid-container">
          <div className="usa-hero__callout">
            <h1 id="hero-heading" className="usa-hero__heading">
              <span className="usa-hero__heading--alt">Social Media</span>Community of Practice
            </h1>
            <p>Government social media managers and specialists learning from each other: events, networking and shared resources in one place.</p>
            <Link className="usa-button" href="/events">
              Browse upcoming events
            </Link>
          </div>
        </div>
      </section>

      <section className="grid-container usa-section" aria-labelledby="next-events-heading">
        <h2 id="next-events-heading">Next events</h2>
        {upcoming.items.length === 0 ? (
          <p>No events are scheduled right now. Check back soon.</p>
        ) : (
          <ul className="usa-card-group">
            {upcoming.items.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </ul>
        )}
        <p>
          <Link href="/events" className="usa-link">
            See all upcoming events
          </Link>
        </p>
      </section>

      <section className="bg-base-lightest usa-section" aria-labelledby="join-heading">
        <div className="grid-container">
          <div className="grid-row grid-gap">
            <div className="tablet:grid-col-8">
              <h2 id="join-heading">Who can join</h2>
              <p>
                Membership is open to government employees and contractors with an official <strong>.gov</strong> or <strong>.mil</strong> email address who
                work on social media and digital engagement.
              </p>
              <p>
                <Link href="/signin" className="usa-button usa-button--outline">
                  Join or sign in
                </Link>
              </p>
            </div>
            <div className="tablet:grid-col-4">
              <p className="font-heading-3xl text-bold margin-y-0" data-testid="member-count">
                {memberCount.toLocaleString("en-US")}
              </p>
              <p className="margin-top-0">{memberCount === 1 ? "member" : "members"} across government</p>
            </div>
          </div>
        </div>
      </section>
    </>
  );
}
