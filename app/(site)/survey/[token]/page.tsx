import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { openSurvey } from "@/lib/surveys/answers";
import { formatShortStart } from "@/lib/time";
import { AnswerForm } from "./answer-form";

// The token in the address is a credential: never indexed, never sent on as a Referer (next.config.ts sends the header too).
export const metadata: Metadata = { title: "Feedback survey", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

/**
 * Opened from the survey email, signed in or not: the link is the whole authorization. Showing the
 * page changes nothing (mail scanners open links); only sending the form records answers.
 */
export default async function SurveyAnswerPage({ params }: Props) {
  const { token } = await params;
  const survey = await openSurvey(token);
  if (!survey) notFound();
  return (
    <div className="grid-container usa-section">
      <h1>Feedback survey</h1>
      {survey.state === "answered" ? (
        <div className="usa-alert usa-alert--info" role="status">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">You&rsquo;ve already answered</h2>
            <p className="usa-alert__text">Your answers about {survey.eventTitle} were sent to the organizers. Each person answers once; thank you.</p>
          </div>
        </div>
      ) : survey.state === "expired" ? (
        <div className="usa-alert usa-alert--warning" role="status">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">This survey link has expired</h2>
            <p className="usa-alert__text">The survey about {survey.eventTitle} no longer takes answers.</p>
          </div>
        </div>
      ) : (
        <div className="grid-row">
          <div className="tablet:grid-col-8">
            <p className="usa-intro">
              {survey.eventTitle}, {formatShortStart(survey.startsAt, survey.timeZone)}.
            </p>
            <p>
              The organizers would like to know how it went. Your answers are anonymous: the organizers see them without your name unless you choose to share
              it. You can answer once.
            </p>
            <AnswerForm token={token} questions={survey.questions} />
          </div>
        </div>
      )}
    </div>
  );
}
