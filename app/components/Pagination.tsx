/** Plain links, so paging works without JavaScript. */
export function Pagination({ page, pageSize, total, buildHref }: { page: number; pageSize: number; total: number; buildHref: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Paginering">
      {page > 1 ? (
        <a className="utrecht-link" href={buildHref(page - 1)} rel="prev">
          Vorige pagina
        </a>
      ) : null}
      <span>
        Pagina {page} van {pages}
      </span>
      {page < pages ? (
        <a className="utrecht-link" href={buildHref(page + 1)} rel="next">
          Volgende pagina
        </a>
      ) : null}
    </nav>
  );
}

export function parsePage(value: string | null): number {
  const page = Number.parseInt(value ?? "1", 10);
  return Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1;
}
