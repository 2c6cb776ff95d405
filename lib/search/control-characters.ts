import { AppError } from "@/lib/errors";

// C0 controls (NUL, tab, line breaks included), DEL and the C1 controls: no search box types them,
// and PostgreSQL refuses a NUL in text outright, which used to surface as a 500.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export const CONTROL_CHARACTER_MESSAGE = "Search text cannot contain control characters (such as a NUL byte). Remove them and search again.";

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** For every search lib/ runs: a control character is the searcher's mistake (400), never a database error. */
export function assertSearchText(text: string | null | undefined): void {
  if (text && hasControlCharacters(text)) throw new AppError("invalid", CONTROL_CHARACTER_MESSAGE);
}
