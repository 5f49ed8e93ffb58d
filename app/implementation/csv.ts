import { stringify } from "csv-stringify/sync";

/**
 * CSV as Dutch spreadsheet programs expect it: semicolons, a UTF-8 byte order mark, CRLF. A cell
 * that a spreadsheet would read as a formula (=, +, -, @, tab, CR) gets a leading apostrophe, so an
 * exported reaction can never run code on the reader's machine (CSV/formula injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Reverses neutraliseCell on import, so an exported file imports unchanged. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return (
    "\uFEFF" +
    stringify([header.map(neutraliseCell), ...rows.map((row) => row.map(neutraliseCell))], {
      delimiter: ";",
      record_delimiter: "windows",
      quoted_match: /[";\r\n]/,
    })
  );
}

export function csvResponse(filename: string, body: string, cache = "private, no-store"): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": cache,
    },
  });
}

/**
 * A small RFC 4180 parser (semicolon or comma, detected from the header line): quoted cells with
 * "" escapes and line breaks, CRLF or LF, an optional BOM. Returns rows of cells with the line
 * number each row starts on (for Dutch error messages per line).
 */
export function parseCsv(input: string): Array<{ line: number; cells: string[] }> {
  const text = input.replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(";").length >= firstLine.split(",").length ? ";" : ",";
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") continue;
    else if (ch === "\n" || ch === "\r") {
      cells.push(cell);
      if (cells.some((c) => c.trim() !== "")) rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== "")) rows.push({ line: rowLine, cells });
  return rows;
}
