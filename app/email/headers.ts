/** Header injection is impossible: line breaks (and other control characters) never reach a header. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}
