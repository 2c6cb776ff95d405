import { signOutEverywhereAction } from "./actions";

/** On /account, and on /join for someone who has not finished joining: ending every session needs only a session. */
export function SignOutEverywhere() {
  return (
    <>
      <p>If you signed in on a shared or lost device, this ends every session, including this one. You can sign in again with your email address.</p>
      <form action={signOutEverywhereAction}>
        <button className="usa-button usa-button--outline" type="submit">
          Sign out of all devices
        </button>
      </form>
    </>
  );
}
