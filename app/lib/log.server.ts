/** Security-relevant events (failed logins, denied requests), never with secrets; quiet under test. */
export function logSecurityEvent(message: string) {
  if (process.env.NODE_ENV === "test") return;
  console.warn(`[beveiliging] ${message}`);
}
