/**
 * E-mail HTML is shown as its own document (opened from a link) rather than in an iframe: a sandboxed
 * CSP keeps it inert, and pages stay checkable by axe (which cannot enter a script-less sandboxed frame).
 */
export function htmlPreviewResponse(html: string) {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src data: https:; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
