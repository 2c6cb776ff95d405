/** A page's search parameter as one string: Next gives an array when the name repeats (`?q=a&q=b`); the first counts. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
