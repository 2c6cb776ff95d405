import { AppError } from "@/lib/errors";

export type UploadStatus = 400 | 413 | 415;

/** AppError has no kinds for "too large" and "unsupported type", so an upload refusal carries its own status. */
export class UploadError extends AppError {
  constructor(
    readonly uploadStatus: UploadStatus,
    message: string,
    fieldErrors?: Record<string, string[]>,
  ) {
    super("invalid", message, fieldErrors);
    this.name = "UploadError";
  }

  override get status() {
    return this.uploadStatus;
  }
}
