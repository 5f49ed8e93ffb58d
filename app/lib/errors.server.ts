/** The constraint name when the error is a unique violation (23505), on both drivers. */
export function isUniqueViolation(error: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const candidate = current as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };
    if (candidate.code === "23505") return candidate.constraint ?? candidate.constraint_name ?? "unknown";
    current = candidate.cause;
  }
  return null;
}
