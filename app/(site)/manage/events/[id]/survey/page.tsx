import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_components/or-not-found";
import { BarChart } from "@/components/charts/bar-chart";
import { DataTable } from "@/components/data-table";
import { requireRolePage } from "@/lib/auth/guards";
import { getEventSurvey } from "@/lib/surveys/manage";
import { getSurveyResults, type QuestionResult } from "@/lib/surveys/results";
import { questionKindLabels } from "@/lib/surveys/survey-schema";
import { formatShortStart } from "@/lib/time";
import { EventBreadcrumbs } from "../../event-breadcrumbs";
import { AttachSurveyButton, RemoveSurveyButton } from "./survey-buttons";

export const metadata: Metadata = { title: "Feedback survey" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ attached?: string; saved?: string; removed?: string }> };

function Notice({ text }: { text: string }) {
  return (
    <div className="usa-alert usa-alert--success usa-alert--slim margin-bottom-3" role="status">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{text}</p>
      </div>
    </div>
  );
}

function CountedResult({ result, index }: { result: Extract<QuestionResult, { bars: unknown }>; index: number }) {
  const { question, bars, answered, average } = result;
  const description = `${answered} ${answered === 1 ? "answer" : "answers"}${average !== null ? `, average ${average} of 5` : ""}`;
  return (
    <div className="grid-row grid-gap">
      <div className="tablet:grid-col-6">
        <p className="margin-top-0">{description}.</p>
        <BarChart
          title={`Question ${index + 1}: ${question.prompt}`}
          description={description}
          labels={bars.map((b) => b.label)}
          values={bars.map((b) => b.count)}
          formatValue={(n) => `${n} ${n === 1 ? "answer" : "answers"}`}
        />
      </div>
      <div className="tablet:grid-col-6">
        <DataTable
          label={`Answers to question ${index + 1}`}
          caption={`Answers to question ${index + 1}, counted`}
          columns={[question.kind === "rating" ? "Rating" : "Option", "Answers"]}
        >
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{bar.count}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </div>
  );
}

function TextResult({ result }: { result: Extract<QuestionResult, { texts: unknown }> }) {
  if (result.texts.length === 0) return <p className="margin-top-0">No answers yet.</p>;
  return (
    <>
      <p className="margin-top-0">
        {result.answered} {result.answered === 1 ? "answer" : "answers"}.
      </p>
      <ul className="usa-list">
        {result.texts.map((entry, i) => (
          <li key={i} className="text-pre-wrap" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {entry.text}
            {entry.sharedBy ? <span className="text-base"> ({entry.sharedBy})</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * An event's feedback survey: attach the default in one click, edit it, and read what people said,
 * each question as a chart with a table of the same numbers, and the whole as CSV. Answers carry a
 * name only where the member chose to share it.
 */
export default async function EventSurveyPage({ params, searchParams }: Props) {
  const { id } = await params;
  const flags = await searchParams;
  const viewer = await requireRolePage(`/manage/events/${id}/survey`, ["organizer", "admin"]);
  const { event, survey, responseCount, ended, tooLateToInvite } = await orNotFound(getEventSurvey(viewer, id));
  const results = survey ? await getSurveyResults(viewer, id) : null;

  return (
    <div className="grid-container usa-section">
      <EventBreadcrumbs event={event} current="Feedback survey" />
      <h1>Feedback survey</h1>
      <p className="usa-intro">
        {event.title}, {formatShortStart(event.startsAt, event.timeZone)}.
      </p>
      {flags.attached === "1" && survey ? <Notice text="The default survey is attached. Edit its questions if you like." /> : null}
      {flags.saved === "1" && survey ? <Notice text="Survey saved." /> : null}
      {flags.removed === "1" && !survey ? <Notice text="The survey was removed." /> : null}

      {!survey || !results ? (
        <section aria-labelledby="attach-heading">
          <h2 id="attach-heading">No survey yet</h2>
          <p>
            After the event ends, everyone who checked in (or, if nobody was checked in, everyone going) gets one email with a link to a short survey. They
            answer without signing in, once each, and anonymously unless they choose to share their name.
          </p>
          <p>The default survey asks how useful the session was (1 to 5), how people heard about it, and what to cover next. You can edit it once attached.</p>
          {event.status === "cancelled" ? <p>This event was cancelled, so nobody will be asked.</p> : <AttachSurveyButton eventId={event.id} />}
        </section>
      ) : (
        <>
          <section aria-labelledby="questions-heading">
            <h2 id="questions-heading">Questions</h2>
            <ol className="usa-list">
              {survey.questions.map((q) => (
                <li key={q.id}>
                  {q.prompt}{" "}
                  <span className="text-base">
                    ({questionKindLabels[q.kind].split(" (")[0]}
                    {q.required ? ", required" : ", optional"})
                  </span>
                  {q.kind === "choice" ? <span className="display-block text-base">Options: {q.options.join(" · ")}</span> : null}
                </li>
              ))}
            </ol>
            <p>
              {survey.invitationsPlannedAt
                ? `Invitations went out ${formatShortStart(survey.invitationsPlannedAt, viewer.timeZone)}.`
                : tooLateToInvite
                  ? "This event ended too long ago for invitations: nobody will be emailed."
                  : ended
                    ? "Invitations go out within a few minutes."
                    : "Invitations go out when the event ends."}
            </p>
            {responseCount === 0 ? (
              <ul className="usa-button-group">
                <li className="usa-button-group__item">
                  <Link href={`/manage/events/${event.id}/survey/edit`} className="usa-button">
                    Edit questions
                  </Link>
                </li>
                <li className="usa-button-group__item">
                  <RemoveSurveyButton eventId={event.id} />
                </li>
              </ul>
            ) : (
              <p>People have answered, so the questions can no longer change.</p>
            )}
          </section>

          <section aria-labelledby="results-heading" className="margin-top-4">
            <h2 id="results-heading">Results</h2>
            <p>
              {results.responseCount} {results.responseCount === 1 ? "person has" : "people have"} answered.{" "}
              {results.responseCount > 0 ? (
                <a href={`/manage/events/${event.id}/survey/csv`} className="usa-link" download>
                  Download the answers (CSV)
                </a>
              ) : null}
            </p>
            {results.results.map((result, i) => (
              <section key={result.question.id} aria-labelledby={`q-${result.question.id}`} className="margin-top-3 border-top-1px border-base-lighter">
                <h3 id={`q-${result.question.id}`}>
                  {i + 1}. {result.question.prompt}
                </h3>
                {"bars" in result ? <CountedResult result={result} index={i} /> : <TextResult result={result} />}
              </section>
            ))}
          </section>
        </>
      )}
    </div>
  );
}
