"use client";

import { useActionState } from "react";
import { idleState } from "@/lib/actions/state";
import { checkInAction } from "./actions";

export function CheckInButton({ eventId, userId, who, checkedIn }: { eventId: string; userId: string; who: string; checkedIn: boolean }) {
  const [state, formAction, pending] = useActionState(checkInAction, idleState);
  return (
    <form action={formAction}>
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="checkedIn" value={checkedIn ? "false" : "true"} />
      <button
        type="submit"
        // A door-sized target (globals.css .check-in-button: at least 44 by 44 px), full width on a phone as USWDS buttons are.
        className={`usa-button check-in-button margin-right-0${checkedIn ? " usa-button--outline" : ""}`}
        disabled={pending}
      >
        {checkedIn ? "Undo check-in" : "Check in"}
        {/* Every row has the same visible text, so screen readers also hear whose row it is. */}
        <span className="usa-sr-only"> {who}</span>
      </button>
      {state.status === "error" ? (
        <p className="usa-error-message margin-y-05" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
