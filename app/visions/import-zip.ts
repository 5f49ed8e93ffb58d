/**
 * Safety checks on a ZIP container (a DOCX is a ZIP) before any library
 * unpacks it: magic bytes, central directory sanity, total and per-entry
 * uncompressed size, compression ratio, and — because a central directory can
 * lie — a bounded trial inflate of every entry.
 */
import { inflateRawSync } from "node:zlib";

export type ZipLimits = {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalUncompressed: number;
  maxEntries: number;
  /** Entries larger than `ratioCheckFrom` may not be compressed more than this. */
  maxRatio: number;
  ratioCheckFrom: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 100 * 1024 * 1024,
  maxEntries: 5_000,
  maxRatio: 200,
  ratioCheckFrom: 1024 * 1024,
};

export type ZipEntryInfo = {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

export type ZipInspection =
  | { ok: true; entries: ZipEntryInfo[]; totalUncompressed: number }
  | { ok: false; reason: "not-zip" | "ole" | "corrupt" | "encrypted" | "too-large" | "suspicious" | "unsupported" };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;

export function startsWithZipMagic(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === SIG_LOCAL;
}

/** Compound File (OLE2): old .doc files and password-protected .docx files. */
export function isOleCompoundFile(buf: Buffer): boolean {
  return buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  }
  return -1;
}

export function inspectZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS, verifyInflate = true): ZipInspection {
  if (isOleCompoundFile(buf)) return { ok: false, reason: "ole" };
  if (!startsWithZipMagic(buf)) return { ok: false, reason: "not-zip" };
  if (buf.length < 22) return { ok: false, reason: "corrupt" };
  const eocd = findEocd(buf);
  if (eocd < 0) return { ok: false, reason: "corrupt" };
  const entryCount = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    return { ok: false, reason: "unsupported" }; // ZIP64
  if (entryCount > limits.maxEntries) return { ok: false, reason: "suspicious" };
  if (cdOffset + cdSize > eocd) return { ok: false, reason: "corrupt" };

  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entryCount; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) return { ok: false, reason: "corrupt" };
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > buf.length) return { ok: false, reason: "corrupt" };
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    if (flags & 0x1) return { ok: false, reason: "encrypted" };
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      return { ok: false, reason: "unsupported" };
    }
    if (method !== 0 && method !== 8) return { ok: false, reason: "unsupported" };
    if (method === 0 && compressedSize !== uncompressedSize) return { ok: false, reason: "corrupt" };
    total += uncompressedSize;
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }

  if (total > limits.maxTotalUncompressed) return { ok: false, reason: "too-large" };
  for (const e of entries) {
    if (
      e.uncompressedSize > limits.ratioCheckFrom &&
      e.uncompressedSize / Math.max(e.compressedSize, 1) > limits.maxRatio
    ) {
      return { ok: false, reason: "suspicious" };
    }
  }

  if (verifyInflate) {
    for (const entry of entries) {
      const h = entry.localHeaderOffset;
      if (h + 30 > buf.length || buf.readUInt32LE(h) !== SIG_LOCAL) return { ok: false, reason: "corrupt" };
      const dataStart = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
      const dataEnd = dataStart + entry.compressedSize;
      if (dataEnd > buf.length) return { ok: false, reason: "corrupt" };
      if (entry.method !== 8 || entry.compressedSize === 0) continue;
      try {
        // maxOutputLength makes zlib stop (and throw) as soon as the entry inflates beyond what it declared.
        const out = inflateRawSync(buf.subarray(dataStart, dataEnd), {
          maxOutputLength: Math.max(entry.uncompressedSize, 1),
        });
        if (out.length !== entry.uncompressedSize) return { ok: false, reason: "suspicious" };
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          return { ok: false, reason: "suspicious" };
        }
        return { ok: false, reason: "corrupt" };
      }
    }
  }
  return { ok: true, entries, totalUncompressed: total };
}
