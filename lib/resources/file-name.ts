// C0 and C1 controls, and the marks that reorder text: "invoice\u202Efdp.exe" displays as "invoiceexe.pdf".
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const MAX_NAME_LENGTH = 200;

export type FileNameCheck = { ok: true; name: string } | { ok: false; problem: string };

/**
 * A declared file name is only ever shown and offered back on download; storage keys
 * are random. Names that try to be paths or disguise themselves are refused rather
 * than quietly cleaned, so the organizer knows what members will see.
 */
export function checkFileName(raw: string | undefined): FileNameCheck {
  const name = (raw ?? "").normalize("NFC");
  if (name.trim() === "") return { ok: false, problem: "The file has no name. Rename it and try again." };
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, problem: `Shorten the file name to ${MAX_NAME_LENGTH} characters or fewer.` };
  }
  if (/[\\/]/.test(name)) return { ok: false, problem: "File names can’t contain / or \\. Rename the file and try again." };
  if (HIDDEN.test(name)) {
    return { ok: false, problem: "The file name contains control characters or text-direction marks. Rename the file and try again." };
  }
  if (name !== name.trim() || name.startsWith(".")) {
    return { ok: false, problem: "File names can’t start with a dot or a space, or end with a space. Rename the file and try again." };
  }
  return { ok: true, name };
}

/** "Report.Final.PDF" → "pdf"; "" when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}
