/** Just enough MIME parsing to assert what an SMTP server received (headers, parts, attachments). */

export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  params: Record<string, string>;
  body: Buffer;
  parts: MimePart[];
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) => {
      if (encoding.toUpperCase() === "B") return Buffer.from(text, "base64").toString("utf8");
      const bytes = text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    });
}

function parseParams(value: string): { main: string; params: Record<string, string> } {
  const [main, ...rest] = value.split(";");
  const params: Record<string, string> = {};
  for (const item of rest) {
    const index = item.indexOf("=");
    if (index < 0) continue;
    params[item.slice(0, index).trim().toLowerCase().replace(/\*$/, "")] = item.slice(index + 1).trim().replace(/^"|"$/g, "");
  }
  return { main: (main ?? "").trim().toLowerCase(), params };
}

function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? "").toLowerCase()) {
    case "base64":
      return Buffer.from(body.toString("ascii").replace(/\s+/g, ""), "base64");
    case "quoted-printable": {
      const text = body.toString("latin1").replace(/=\r?\n/g, "");
      return Buffer.from(text.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1");
    }
    default:
      return body;
  }
}

export function parseMime(raw: Buffer): MimePart {
  const text = raw.toString("latin1");
  const split = text.search(/\r?\n\r?\n/);
  const headerText = split < 0 ? text : text.slice(0, split);
  const bodyStart = split < 0 ? text.length : split + (text.slice(split).startsWith("\r\n\r\n") ? 4 : 2);
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const index = line.indexOf(":");
    if (index > 0) headers.set(line.slice(0, index).trim().toLowerCase(), decodeWords(Buffer.from(line.slice(index + 1).trim(), "latin1").toString("utf8")));
  }
  const { main, params } = parseParams(headers.get("content-type") ?? "text/plain");
  const rawBody = Buffer.from(text.slice(bodyStart), "latin1");
  const part: MimePart = { headers, contentType: main, params, body: decodeBody(rawBody, headers.get("content-transfer-encoding")), parts: [] };
  if (main.startsWith("multipart/") && params.boundary) {
    const chunks = text.slice(bodyStart).split(`--${params.boundary}`);
    for (const chunk of chunks.slice(1)) {
      if (chunk.startsWith("--")) break;
      part.parts.push(parseMime(Buffer.from(chunk.replace(/^\r?\n/, "").replace(/\r?\n$/, ""), "latin1")));
    }
  }
  return part;
}

/** All leaf parts, depth first. */
export function leaves(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leaves);
}
