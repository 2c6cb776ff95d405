"use client";

import { useActionState } from "react";
import { idleState, type ActionState } from "@/lib/actions/state";
import { changeRoleAction, setDisabledAction } from "./actions";

type Props = {
  userId: string;
  /** Who the buttons act on, for screen readers: every row has the same visible button text. */
  who: string;
  role: "member" | "organizer" | "admin";
  disabled: boolean;
  canChangeRole: boolean;
  canDisable: boolean;
};

export function MemberActions({ userId, who, role, disabled, canChangeRole, canDisable }: Props) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, idleState);
  const [statusState, statusAction, statusPending] = useActionState(setDisabledAction, idleState);
  const nextRole = role === "organizer" ? "member" : "organizer";
  return (
    <div>
      <div className="display-flex flex-wrap">
        {canChangeRole ? (
          <form action={roleAction} className="margin-right-1">
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="role" value={nextRole} />
            <button className="usa-button usa-button--outline" type="submit" disabled={rolePending}>
              {nextRole === "organizer" ? "Make organizer" : "Make member"}
              <span className="usa-sr-only"> ({who})</span>
            </button>
          </form>
        ) : null}
        {canDisable ? (
          <form action={statusAction}>
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
            <button className={`usa-button${disabled ? " usa-button--outline" : " usa-button--secondary"}`} type="submit" disabled={statusPending}>
              {disabled ? "Enable" : "Disable"}
              <span className="usa-sr-only"> ({who})</span>
            </button>
          </form>
        ) : null}
      </div>
      <Outcome state={roleState} />
      <Outcome state={statusState} />
    </div>
  );
}

function Outcome({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  return (
    <p className={`margin-y-05 font-body-2xs${state.status === "error" ? " text-secondary-dark" : ""}`} role={state.status === "error" ? "alert" : "status"}>
      {state.message}
    </p>
  );
}
