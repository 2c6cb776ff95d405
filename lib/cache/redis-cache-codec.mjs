/**
 * Cache entries as Redis strings. Next's entries hold Buffers (a page's RSC
 * payload, a route's body) and a Map (a page's segment data), which plain JSON
 * would turn into arrays of numbers and empty objects; they get a tag of their own.
 * Plain JavaScript: Next imports the cache handler at run time, outside its bundle.
 */

/** @param {unknown} value */
export function encodeEntry(value) {
  return JSON.stringify(value, function replacer(key, field) {
    // `this[key]` is the field before JSON.stringify calls Buffer#toJSON on it.
    const raw = this[key];
    if (Buffer.isBuffer(raw)) return { $buffer: raw.toString("base64") };
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    return field;
  });
}

/** @param {string} text */
export function decodeEntry(text) {
  return JSON.parse(text, (_key, field) => {
    if (field && typeof field === "object" && !Array.isArray(field)) {
      if (typeof field.$buffer === "string" && Object.keys(field).length === 1) return Buffer.from(field.$buffer, "base64");
      if (Array.isArray(field.$map) && Object.keys(field).length === 1) return new Map(field.$map);
    }
    return field;
  });
}
