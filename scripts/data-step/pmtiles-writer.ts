/**
 * Minimal PMTiles v3 archive writer (in-memory, Node only).
 *
 * Spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
 *
 * Layout written (the order the spec recommends and every reader expects):
 *
 *   Header (127 B) | Root directory | JSON metadata | Leaf directories | Tile data
 *
 * Tile payloads are stored verbatim (they must already be gzip-compressed MVT);
 * directories and metadata are gzip-compressed here. Tiles are laid out in
 * Hilbert TileID order ("clustered"), identical payloads are stored once
 * (deduplication) and consecutive TileIDs with identical payloads collapse
 * into one run-length entry.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

export interface TileEntry {
  z: number;
  x: number;
  y: number;
  /** Tile payload, already gzip-compressed MVT. Stored as-is. */
  data: Uint8Array;
}

export interface PmtilesOptions {
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  /** [lon, lat, zoom]. */
  center: [number, number, number];
  /** Arbitrary JSON metadata; for MVT it should contain `vector_layers` (TileJSON 3.0). */
  metadata: Record<string, unknown>;
}

/** Directory entry as defined by the spec (all offsets relative to their section). */
interface DirEntry {
  tileId: number;
  offset: number;
  length: number;
  /** >0: number of consecutive TileIDs sharing this payload; 0: pointer to a leaf directory. */
  runLength: number;
}

const HEADER_SIZE = 127;
/** Header + root directory must fit in the first 16 KiB so clients can prefetch both in one request. */
const MAX_ROOT_DIR_SIZE = 16_384 - HEADER_SIZE;
/** Starting leaf size and growth factor, as in the reference writers (go-pmtiles, python pmtiles). */
const INITIAL_LEAF_SIZE = 4096;
const LEAF_SIZE_GROWTH = 1.2;
/** zxyToTileId is only exact up to z26 (2^53 limit of JS numbers). */
const MAX_SUPPORTED_ZOOM = 26;

// Header enum values (spec §3).
const COMPRESSION_GZIP = 2;
const TILE_TYPE_MVT = 1;

/**
 * Build a complete PMTiles v3 archive.
 *
 * Throws on: empty input, duplicate z/x/y, zoom outside [minZoom, maxZoom],
 * empty or non-gzip tile data, invalid options.
 */
export function writePmtiles(tiles: Iterable<TileEntry>, options: PmtilesOptions): Uint8Array {
  validateOptions(options);

  // 1. Sort by Hilbert TileID: directories must be ascending by TileID, and
  //    writing blobs in this order makes the archive "clustered".
  const sorted: { tileId: number; data: Uint8Array }[] = [];
  for (const t of tiles) {
    if (!Number.isInteger(t.z) || t.z < options.minZoom || t.z > options.maxZoom) {
      // Readers reject requests outside the header's zoom range, so such a tile would be unreachable.
      throw new Error(`tile ${t.z}/${t.x}/${t.y}: zoom outside [${options.minZoom}, ${options.maxZoom}]`);
    }
    if (t.data.length === 0) {
      throw new Error(`tile ${t.z}/${t.x}/${t.y}: empty data (spec: entry length must be > 0)`);
    }
    if (t.data[0] !== 0x1f || t.data[1] !== 0x8b) {
      // The header declares TileCompression = gzip; readers will gunzip every payload.
      throw new Error(`tile ${t.z}/${t.x}/${t.y}: data is not gzip-compressed`);
    }
    sorted.push({ tileId: zxyToTileId(t.z, t.x, t.y), data: t.data });
  }
  if (sorted.length === 0) {
    throw new Error('writePmtiles: at least one tile is required (spec: directories must be non-empty)');
  }
  sorted.sort((a, b) => a.tileId - b.tileId);

  // 2. Lay out tile data with deduplication and run-length encoding.
  const entries: DirEntry[] = [];
  const blobs: Uint8Array[] = [];
  const offsetByHash = new Map<string, number>();
  let tileDataLength = 0;
  let prevTileId = -1;
  for (const { tileId, data } of sorted) {
    if (tileId === prevTileId) {
      throw new Error(`duplicate tile (TileID ${tileId})`);
    }
    prevTileId = tileId;

    // SHA-256 as the content key: collisions are not a practical concern.
    const hash = createHash('sha256').update(data).digest('base64');
    let offset = offsetByHash.get(hash);
    if (offset === undefined) {
      // New content: append. Offsets only ever grow or point back to an earlier
      // blob, which is exactly what the spec's "clustered" flag requires.
      offset = tileDataLength;
      offsetByHash.set(hash, offset);
      blobs.push(data);
      tileDataLength += data.length;
    }

    const last = entries[entries.length - 1];
    if (last && last.offset === offset && last.tileId + last.runLength === tileId) {
      // Same content as the directly preceding TileID: extend the run.
      last.runLength++;
    } else {
      entries.push({ tileId, offset, length: data.length, runLength: 1 });
    }
  }

  // 3. Directories (root, plus leaves if the root alone would not fit in 16 KiB).
  const { root, leaves } = optimizeDirectories(entries, MAX_ROOT_DIR_SIZE);
  const metadata = gzipSync(Buffer.from(JSON.stringify(options.metadata), 'utf8'));

  // 4. Assemble: header | root | metadata | leaves | tile data.
  const rootOffset = HEADER_SIZE;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const tileDataOffset = leavesOffset + leaves.length;
  const total = tileDataOffset + tileDataLength;

  const out = new Uint8Array(total);
  const [west, south, east, north] = options.bounds;
  const [centerLon, centerLat, centerZoom] = options.center;
  writeHeader(out, {
    rootOffset,
    rootLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leavesOffset,
    leavesLength: leaves.length,
    tileDataOffset,
    tileDataLength,
    addressedTiles: sorted.length,
    tileEntries: entries.length,
    tileContents: blobs.length,
    minZoom: options.minZoom,
    maxZoom: options.maxZoom,
    minLon: west,
    minLat: south,
    maxLon: east,
    maxLat: north,
    centerZoom: Math.round(centerZoom),
    centerLon,
    centerLat,
  });
  out.set(root, rootOffset);
  out.set(metadata, metadataOffset);
  out.set(leaves, leavesOffset);
  let pos = tileDataOffset;
  for (const blob of blobs) {
    out.set(blob, pos);
    pos += blob.length;
  }
  return out;
}

function validateOptions(o: PmtilesOptions): void {
  const { minZoom, maxZoom, bounds, center } = o;
  if (!Number.isInteger(minZoom) || !Number.isInteger(maxZoom) || minZoom < 0 || maxZoom > MAX_SUPPORTED_ZOOM || minZoom > maxZoom) {
    throw new Error(`invalid zoom range [${minZoom}, ${maxZoom}]`);
  }
  const [w, s, e, n] = bounds;
  if (![w, s, e, n].every(Number.isFinite) || w > e || s > n || w < -180 || e > 180 || s < -90 || n > 90) {
    throw new Error(`invalid bounds ${JSON.stringify(bounds)}`);
  }
  const [lon, lat, zoom] = center;
  if (![lon, lat, zoom].every(Number.isFinite) || Math.abs(lon) > 180 || Math.abs(lat) > 90 || zoom < 0 || zoom > 255) {
    throw new Error(`invalid center ${JSON.stringify(center)}`);
  }
}

/**
 * Produce the root directory and (possibly empty) leaf directory section.
 *
 * Same strategy as the reference writers: if all entries fit in the root,
 * use a single level. Otherwise chunk entries into leaves of `leafSize`
 * entries (starting at 4096, growing ×1.2) until the root of leaf pointers
 * fits. Only one level of leaves is produced (the spec discourages nesting).
 */
function optimizeDirectories(entries: DirEntry[], maxRootSize: number): { root: Uint8Array; leaves: Uint8Array } {
  const single = serializeDirectory(entries);
  if (single.length <= maxRootSize) {
    return { root: single, leaves: new Uint8Array(0) };
  }
  let leafSize = INITIAL_LEAF_SIZE;
  for (;;) {
    const result = buildRootAndLeaves(entries, leafSize);
    if (result.root.length <= maxRootSize) return result;
    leafSize = Math.ceil(leafSize * LEAF_SIZE_GROWTH);
  }
}

function buildRootAndLeaves(entries: DirEntry[], leafSize: number): { root: Uint8Array; leaves: Uint8Array } {
  const rootEntries: DirEntry[] = [];
  const leafChunks: Uint8Array[] = [];
  let leavesLength = 0;
  for (let i = 0; i < entries.length; i += leafSize) {
    const chunk = entries.slice(i, i + leafSize);
    const leaf = serializeDirectory(chunk);
    // Leaf pointer: TileID of the leaf's first entry, offset relative to the
    // leaf section, RunLength 0. Leaves are written in ascending TileID order.
    rootEntries.push({ tileId: chunk[0]!.tileId, offset: leavesLength, length: leaf.length, runLength: 0 });
    leafChunks.push(leaf);
    leavesLength += leaf.length;
  }
  const leaves = new Uint8Array(leavesLength);
  let pos = 0;
  for (const leaf of leafChunks) {
    leaves.set(leaf, pos);
    pos += leaf.length;
  }
  return { root: serializeDirectory(rootEntries), leaves };
}

/**
 * Spec §4 directory encoding: varint entry count, then columns of varints —
 * TileID deltas, RunLengths, Lengths, Offsets — then InternalCompression (gzip).
 * An offset is written as 0 when it directly follows the previous entry's
 * data (offset == prev.offset + prev.length), otherwise as offset + 1.
 */
function serializeDirectory(entries: DirEntry[]): Uint8Array {
  const bytes: number[] = [];
  writeVarint(bytes, entries.length);
  let lastId = 0;
  for (const e of entries) {
    writeVarint(bytes, e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) writeVarint(bytes, e.runLength);
  for (const e of entries) writeVarint(bytes, e.length);
  let prev: DirEntry | undefined;
  for (const e of entries) {
    if (prev && e.offset === prev.offset + prev.length) {
      writeVarint(bytes, 0);
    } else {
      writeVarint(bytes, e.offset + 1);
    }
    prev = e;
  }
  return gzipSync(Uint8Array.from(bytes));
}

/** Unsigned LEB128 varint. Uses arithmetic, not bit ops, so values up to 2^53 (high-zoom TileIDs) stay exact. */
function writeVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint out of range: ${value}`);
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

interface HeaderFields {
  rootOffset: number;
  rootLength: number;
  metadataOffset: number;
  metadataLength: number;
  leavesOffset: number;
  leavesLength: number;
  tileDataOffset: number;
  tileDataLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  minZoom: number;
  maxZoom: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  centerZoom: number;
  centerLon: number;
  centerLat: number;
}

/** Spec §3: fixed 127-byte little-endian header. */
function writeHeader(out: Uint8Array, h: HeaderFields): void {
  const view = new DataView(out.buffer, out.byteOffset, HEADER_SIZE);
  out.set(new TextEncoder().encode('PMTiles'), 0); // magic
  view.setUint8(7, 3); // spec version
  setUint64(view, 8, h.rootOffset);
  setUint64(view, 16, h.rootLength);
  setUint64(view, 24, h.metadataOffset);
  setUint64(view, 32, h.metadataLength);
  setUint64(view, 40, h.leavesOffset);
  setUint64(view, 48, h.leavesLength);
  setUint64(view, 56, h.tileDataOffset);
  setUint64(view, 64, h.tileDataLength);
  setUint64(view, 72, h.addressedTiles); // Σ RunLength
  setUint64(view, 80, h.tileEntries); // entries with RunLength > 0
  setUint64(view, 88, h.tileContents); // unique blobs in tile data
  view.setUint8(96, 1); // clustered: blobs in TileID order, see writePmtiles step 2
  view.setUint8(97, COMPRESSION_GZIP); // internal compression (directories + metadata)
  view.setUint8(98, COMPRESSION_GZIP); // tile compression
  view.setUint8(99, TILE_TYPE_MVT);
  view.setUint8(100, h.minZoom);
  view.setUint8(101, h.maxZoom);
  view.setInt32(102, toE7(h.minLon), true);
  view.setInt32(106, toE7(h.minLat), true);
  view.setInt32(110, toE7(h.maxLon), true);
  view.setInt32(114, toE7(h.maxLat), true);
  view.setUint8(118, h.centerZoom);
  view.setInt32(119, toE7(h.centerLon), true);
  view.setInt32(123, toE7(h.centerLat), true);
}

function setUint64(view: DataView, offset: number, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`uint64 out of range: ${value}`);
  view.setUint32(offset, value % 2 ** 32, true);
  view.setUint32(offset + 4, Math.floor(value / 2 ** 32), true);
}

/** Degrees → signed 32-bit integer of degrees × 10^7. Rounded (not truncated) so e.g. 0.1 survives a round trip. */
function toE7(deg: number): number {
  return Math.round(deg * 1e7);
}
