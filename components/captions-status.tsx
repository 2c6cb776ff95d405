import type { CaptionsState } from "@/lib/resources/captions-state";

/** A recording's state for organizers: published, or a draft and what it still needs. */
export function CaptionsStatus({ state, slim = false }: { state: Pick<CaptionsState, "needsCaptions" | "draft" | "reasons">; slim?: boolean }) {
  if (!state.needsCaptions) return null;
  if (!state.draft) {
    return slim ? (
      <span className="usa-tag bg-green">Published</span>
    ) : (
      <div className="usa-alert usa-alert--success usa-alert--slim">
        <div className="usa-alert__body">
          <p className="usa-alert__text">Published: it has captions and a transcript, so members can see it.</p>
        </div>
      </div>
    );
  }
  if (slim) {
    return (
      <span className="display-block">
        <span className="usa-tag bg-gold text-ink">Draft</span> {state.reasons.join(", ")}
      </span>
    );
  }
  return (
    <div className="usa-alert usa-alert--warning usa-alert--slim">
      <div className="usa-alert__body">
        <p className="usa-alert__text">
          <strong>Draft, only organizers see it.</strong> {state.reasons.join(". ")}.
        </p>
      </div>
    </div>
  );
}
