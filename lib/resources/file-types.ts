import "server-only";
import { fileTypeFromFile } from "file-type";
import { extensionOf } from "./file-name";
import { UploadError } from "./upload-error";

export type AllowedFileType = { label: string; mime: string; extensions: readonly string[] };

const OOXML = "application/vnd.openxmlformats-officedocument";

/** Keyed by the extension file-type reports; text kinds it cannot see are matched by name below. */
export const ALLOWED_FILE_TYPES = {
  pdf: { label: "a PDF document", mime: "application/pdf", extensions: ["pdf"] },
  pptx: { label: "a PowerPoint presentation", mime: `${OOXML}.presentationml.presentation`, extensions: ["pptx"] },
  docx: { label: "a Word document", mime: `${OOXML}.wordprocessingml.document`, extensions: ["docx"] },
  xlsx: { label: "an Excel workbook", mime: `${OOXML}.spreadsheetml.sheet`, extensions: ["xlsx"] },
  png: { label: "a PNG image", mime: "image/png", extensions: ["png"] },
  jpg: { label: "a JPEG image", mime: "image/jpeg", extensions: ["jpg", "jpeg"] },
  mp4: { label: "an MP4 video", mime: "video/mp4", extensions: ["mp4"] },
  vtt: { label: "WebVTT captions", mime: "text/vtt", extensions: ["vtt"] },
  csv: { label: "a CSV file", mime: "text/csv", extensions: ["csv"] },
  txt: { label: "a plain text file", mime: "text/plain", extensions: ["txt"] },
} as const satisfies Record<string, AllowedFileType>;

export const ALLOWED_EXTENSIONS = Object.values(ALLOWED_FILE_TYPES).flatMap((type) => type.extensions);
export const ALLOWED_EXTENSIONS_TEXT = ALLOWED_EXTENSIONS.map((ext) => `.${ext}`).join(", ");

const byDetectedExt: Record<string, AllowedFileType> = ALLOWED_FILE_TYPES;
const plainText: Record<string, AllowedFileType> = { csv: ALLOWED_FILE_TYPES.csv, txt: ALLOWED_FILE_TYPES.txt };

// Text that a browser would render as a page if it were ever served inline.
const MARKUP = /<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|link|style)\b/i;

function refuse(message: string): UploadError {
  return new UploadError(415, message, { file: [message] });
}

/**
 * What an uploaded file really is, from its bytes, checked against what its name
 * says. The declared MIME type is never trusted: browsers guess it from the name.
 */
export async function identifyUpload({
  filePath,
  fileName,
  head,
  isText,
}: {
  filePath: string;
  fileName: string;
  head: Buffer;
  isText: boolean;
}): Promise<AllowedFileType> {
  const ext = extensionOf(fileName);
  const detected = await fileTypeFromFile(filePath);
  if (detected) {
    const allowed = byDetectedExt[detected.ext];
    if (!allowed || (allowed.mime.startsWith("text/") && !isText)) {
      throw refuse(`Files of this kind (${detected.mime}) can’t be shared here. Allowed: ${ALLOWED_EXTENSIONS_TEXT}.`);
    }
    if (!allowed.extensions.includes(ext)) {
      throw refuse(
        `The file is named “.${ext || "(no extension)"}” but it is ${allowed.label}. Rename it to end in .${allowed.extensions[0]}, or choose the right file.`,
      );
    }
    return allowed;
  }
  if (!isText) {
    throw refuse(`We couldn’t recognize this file as one of the kinds that can be shared: ${ALLOWED_EXTENSIONS_TEXT}.`);
  }
  if (MARKUP.test(head.toString("utf8"))) {
    throw refuse("This looks like a web page (HTML) or other markup, which can’t be shared here. Share a link to it instead.");
  }
  const text = plainText[ext];
  if (!text) {
    throw refuse(`This is a text file, so its name must end in .txt or .csv (or .vtt for captions that start with WEBVTT).`);
  }
  return text;
}
