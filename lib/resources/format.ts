/** "1.2 MB", "340 KB", "12 bytes": sizes as people read them (1 KB = 1,024 bytes, as file browsers show). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

// Made once: constructing a DateTimeFormat costs far more than formatting with it.
const addedDateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "America/New_York" });

/** "Jan 5, 2030": the day a resource was added, in the community's home zone. */
export function formatAddedDate(date: Date): string {
  return addedDateFormat.format(date);
}
