/** Tomorrow's date in Washington, as an HTML date input wants it: soon enough to be on the first page of /events. */
export function tomorrowInEastern(): string {
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" }).format(tomorrow);
}
