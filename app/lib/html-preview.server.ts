/**
 * E-mail HTML (rendered by our own templates) is shown as its own document, opened from a link,
 * rather than in an iframe. Its CSP allows no script, frame, form or connection at all, so it is
 * inert; unlike the CSP "sandbox" directive it stays checkable by axe in the page walk.
 */
export function htmlPreviewResponse(html: string) {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
