/**
 * A UUID as 32 lowercase hex digits and back: signed tokens carry ids in this compact,
 * case-insensitive form (unsubscribe links, calendar reply addresses).
 */
const UUID_HEX = /^[0-9a-f]{32}$/;

/** The id's 32 hex digits, or null for anything that is not a UUID. */
export function uuidToHex(id: string): string | null {
  const hex = id.replaceAll("-", "").toLowerCase();
  return UUID_HEX.test(hex) ? hex : null;
}

export function hexToUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
