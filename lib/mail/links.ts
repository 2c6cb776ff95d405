import "server-only";

export type TextPart = { kind: "text" | "url"; value: string };

const urlPattern = /https?:\/\/[^\s<>"'`]+/g;
// Punctuation that ends a sentence or closes a bracket is rarely part of the link.
const trailingPunctuation = /[.,;:!?)\]}'"]+$/;

/**
 * Splits plain text into text and http(s) URL parts, so a page can render the URLs as
 * anchors without ever treating the message as HTML. Only http and https are matched,
 * so a message cannot produce a javascript: link.
 */
export function splitTextOnUrls(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const url = match[0].replace(trailingPunctuation, "");
    const start = match.index;
    if (start > last) parts.push({ kind: "text", value: text.slice(last, start) });
    parts.push({ kind: "url", value: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", value: text.slice(last) });
  return parts;
}
