import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_components/or-not-found";
import { requireRolePage } from "@/lib/auth/guards";
import { getEventSurvey } from "@/lib/surveys/manage";
import { EventBreadcrumbs } from "../../../event-breadcrumbs";
import { SurveyEditor } from "./survey-editor";

export const metadata: Metadata = { title: "Edit the survey" };

type Props = { params: Promise<{ id: string }> };

/** The survey's questions, one slot each and one blank slot to add another; locked once anyone has answered. */
export default async function EditSurveyPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/events/${id}/survey/edit`, ["organizer", "admin"]);
  const { event, survey, responseCount } = await orNotFound(getEventSurvey(viewer, id));
  const back = (
    <Link href={`/manage/events/${event.id}/survey`} className="usa-link">
      Back to the survey
    </Link>
  );
  return (
    <div className="grid-container usa-section">
      <EventBreadcrumbs event={event} trail={[{ href: `/manage/events/${event.id}/survey`, label: "Feedback survey" }]} current="Edit the survey" />
      <h1>Edit the survey</h1>
      {!survey ? (
        <p>This event has no survey yet. {back}</p>
      ) : responseCount > 0 ? (
        <p>People have answered this survey, so its questions can no longer change. {back}</p>
      ) : (
        <div className="grid-row">
          <div className="tablet:grid-col-8">
            <SurveyEditor eventId={event.id} questions={survey.questions} />
          </div>
        </div>
      )}
    </div>
  );
}
