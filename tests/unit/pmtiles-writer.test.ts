import { gunzipSync, gzipSync } from 'node:zlib';
import { PMTiles, bytesToHeader, readVarint, zxyToTileId, type DecompressFunc, type Header, type RangeResponse, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { writePmtiles, type PmtilesOptions, type TileEntry } from '../../scripts/data-step/pmtiles-writer';
import { seededRandom } from './seeded-random';

/** In-memory Source for the official reader; remembers the last range read (the tile payload for getZxy). */
class MemorySource implements Source {
  lastRead: Uint8Array | undefined;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly key: string,
  ) {}
  getKey(): string {
    return this.key;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    // The reader asks for the first 16 KiB up front even if the archive is smaller.
    const slice = this.bytes.slice(offset, Math.min(offset + length, this.bytes.length));
    this.lastRead = slice;
    return { data: slice.buffer };
  }
}

/**
 * zlib-backed decompressor. The reader's default (DecompressionStream) is
 * correct but ~6x slower per call, which matters when reading back >20k tiles;
 * the small fixtures use the default so both paths are covered.
 */
const zlibDecompress: DecompressFunc = async (buf, compression) => {
  if (compression !== 2) throw new Error(`unexpected compression ${compression}`);
  const out = gunzipSync(new Uint8Array(buf));
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
};

let keyCounter = 0;
function open(archive: Uint8Array, decompress?: DecompressFunc): { pm: PMTiles; source: MemorySource } {
  const source = new MemorySource(archive, `mem-${keyCounter++}`);
  return { pm: new PMTiles(source, undefined, decompress), source };
}

const OPTIONS: PmtilesOptions = {
  minZoom: 0,
  maxZoom: 5,
  bounds: [5.9, 45.8, 10.5, 47.8],
  center: [8.2, 46.8, 3],
  metadata: {
    name: 'test',
    vector_layers: [{ id: 'gaps', fields: { score: 'Number' }, minzoom: 0, maxzoom: 5 }],
  },
};

/** Tiles covering (roughly) the same small area at each zoom, each with unique content. */
function pyramid(minZoom: number, maxZoom: number): TileEntry[] {
  const tiles: TileEntry[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const n = 1 << z;
    const x0 = Math.floor(n * 0.52);
    const y0 = Math.floor(n * 0.35);
    for (let x = x0; x < Math.min(n, x0 + 3); x++) {
      for (let y = y0; y < Math.min(n, y0 + 2); y++) {
        tiles.push({ z, x, y, data: gzipSync(Buffer.from(`tile ${z}/${x}/${y}`)) });
      }
    }
  }
  return tiles;
}

interface RawEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** Independent decoder for spec §4 directories, used for structural assertions. */
function decodeDirectory(compressed: Uint8Array): RawEntry[] {
  const p = { buf: new Uint8Array(gunzipSync(compressed)), pos: 0 };
  const n = readVarint(p);
  const entries: RawEntry[] = [];
  let id = 0;
  for (let i = 0; i < n; i++) {
    id += readVarint(p);
    entries.push({ tileId: id, offset: 0, length: 0, runLength: 0 });
  }
  for (const e of entries) e.runLength = readVarint(p);
  for (const e of entries) e.length = readVarint(p);
  entries.forEach((e, i) => {
    const v = readVarint(p);
    const prev = entries[i - 1];
    e.offset = v === 0 && prev ? prev.offset + prev.length : v - 1;
  });
  expect(p.pos).toBe(p.buf.length);
  return entries;
}

/** Check layout invariants and return all tile entries (root + one level of leaves). */
function inspect(archive: Uint8Array) {
  // bytesToHeader's return type marks some fields optional; the parser always fills them in.
  const h = bytesToHeader(archive.slice(0, 127).buffer) as Required<Header>;
  expect(new TextDecoder().decode(archive.subarray(0, 7))).toBe('PMTiles');
  expect(h.specVersion).toBe(3);
  // Sections in recommended order, contiguous, root within the first 16 KiB.
  expect(h.rootDirectoryOffset).toBe(127);
  expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
  expect(h.jsonMetadataOffset).toBe(h.rootDirectoryOffset + h.rootDirectoryLength);
  expect(h.leafDirectoryOffset).toBe(h.jsonMetadataOffset + h.jsonMetadataLength);
  expect(h.tileDataOffset).toBe(h.leafDirectoryOffset + h.leafDirectoryLength);
  expect(h.tileDataOffset + h.tileDataLength).toBe(archive.length);

  const root = decodeDirectory(archive.subarray(h.rootDirectoryOffset, h.rootDirectoryOffset + h.rootDirectoryLength));
  const leafPointers = root.filter((e) => e.runLength === 0);
  const tiles = root.filter((e) => e.runLength > 0);
  let expectedLeafOffset = 0;
  for (const ptr of leafPointers) {
    expect(ptr.offset).toBe(expectedLeafOffset); // leaves written in ascending TileID order, back to back
    expectedLeafOffset += ptr.length;
    const start = h.leafDirectoryOffset + ptr.offset;
    const leaf = decodeDirectory(archive.subarray(start, start + ptr.length));
    expect(leaf.length).toBeGreaterThan(0);
    expect(leaf[0]!.tileId).toBe(ptr.tileId);
    expect(leaf.every((e) => e.runLength > 0)).toBe(true); // no nested leaves
    tiles.push(...leaf);
  }
  expect(expectedLeafOffset).toBe(h.leafDirectoryLength);

  // Strictly ascending, non-overlapping TileIDs; clustered data (each offset is
  // either the next unwritten byte or refers back to an earlier blob).
  let end = 0;
  let nextFreeId = 0;
  for (const e of tiles) {
    expect(e.tileId).toBeGreaterThanOrEqual(nextFreeId);
    nextFreeId = e.tileId + e.runLength;
    expect(e.length).toBeGreaterThan(0);
    expect(e.offset === end || e.offset + e.length <= end).toBe(true);
    if (e.offset === end) end += e.length;
  }
  expect(end).toBe(h.tileDataLength);
  expect(tiles.length).toBe(h.numTileEntries);
  expect(tiles.reduce((s, e) => s + e.runLength, 0)).toBe(h.numAddressedTiles);
  return { header: h, root, leafPointers, tiles };
}

/** Byte equality via Buffer.equals (toEqual on typed arrays is very slow for ~20k tiles). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** Read every tile back through the official reader; check raw stored bytes and decompressed payload. */
async function expectAllTilesReadable(archive: Uint8Array, tiles: TileEntry[], decompress?: DecompressFunc): Promise<void> {
  const { pm, source } = open(archive, decompress);
  for (const t of tiles) {
    const resp = await pm.getZxy(t.z, t.x, t.y);
    expect(resp, `${t.z}/${t.x}/${t.y}`).toBeDefined();
    // getZxy gunzips according to the header's TileCompression …
    expect(sameBytes(new Uint8Array(resp!.data), gunzipSync(t.data)), `payload ${t.z}/${t.x}/${t.y}`).toBe(true);
    // … and the range it fetched is exactly the gzip payload we stored.
    expect(sameBytes(source.lastRead!, t.data), `stored bytes ${t.z}/${t.x}/${t.y}`).toBe(true);
  }
}

describe('writePmtiles', () => {
  it('round-trips a small pyramid through the official pmtiles reader', async () => {
    const tiles = pyramid(0, 5);
    const archive = writePmtiles([...tiles].reverse(), OPTIONS); // input order must not matter
    const { header, leafPointers } = inspect(archive);
    expect(leafPointers).toHaveLength(0);

    const { pm } = open(archive);
    const h = await pm.getHeader();
    expect(h.specVersion).toBe(3);
    expect(h.minZoom).toBe(0);
    expect(h.maxZoom).toBe(5);
    expect(h.minLon).toBeCloseTo(5.9, 7);
    expect(h.minLat).toBeCloseTo(45.8, 7);
    expect(h.maxLon).toBeCloseTo(10.5, 7);
    expect(h.maxLat).toBeCloseTo(47.8, 7);
    expect(h.centerLon).toBeCloseTo(8.2, 7);
    expect(h.centerLat).toBeCloseTo(46.8, 7);
    expect(h.centerZoom).toBe(3);
    expect(h.clustered).toBe(true);
    expect(h.internalCompression).toBe(2);
    expect(h.tileCompression).toBe(2);
    expect(h.tileType).toBe(1);
    expect(h.numAddressedTiles).toBe(tiles.length);
    expect(h.numTileEntries).toBe(tiles.length);
    expect(h.numTileContents).toBe(tiles.length);
    expect(h.leafDirectoryLength).toBe(0);
    expect(header.tileDataLength).toBe(tiles.reduce((s, t) => s + t.data.length, 0));

    expect(await pm.getMetadata()).toEqual(OPTIONS.metadata);
    await expectAllTilesReadable(archive, tiles);

    // Not written: inside the zoom range, before the first / after the last TileID, and outside the zoom range.
    expect(await pm.getZxy(3, 0, 0)).toBeUndefined();
    expect(await pm.getZxy(5, 31, 31)).toBeUndefined();
    expect(await pm.getZxy(6, 33, 22)).toBeUndefined();
  });

  it('deduplicates identical contents and run-length encodes consecutive repeats', async () => {
    const ocean = gzipSync(Buffer.from('ocean'));
    const land = gzipSync(Buffer.from('land'));
    const tiles: TileEntry[] = [];
    // Full z3 grid: mostly ocean, a few unique tiles and a repeated "land" tile.
    for (let x = 0; x < 8; x++) {
      for (let y = 0; y < 8; y++) {
        let data: Uint8Array = ocean;
        if ((x + y) % 5 === 0) data = land;
        if (x === 3 && y === 4) data = gzipSync(Buffer.from('unique-a'));
        if (x === 6 && y === 1) data = gzipSync(Buffer.from('unique-b'));
        // Fresh copy so deduplication has to go by content, not identity.
        tiles.push({ z: 3, x, y, data: Uint8Array.from(data) });
      }
    }
    const options: PmtilesOptions = { ...OPTIONS, minZoom: 3, maxZoom: 3 };
    const archive = writePmtiles(tiles, options);
    const { tiles: entries } = inspect(archive);

    const { pm } = open(archive);
    const h = await pm.getHeader();
    expect(h.numAddressedTiles).toBe(64);
    expect(h.numTileContents).toBe(4);
    expect(h.numTileEntries).toBe(entries.length);
    expect(h.numTileEntries).toBeLessThan(64); // runs collapsed
    expect(entries.some((e) => e.runLength > 1)).toBe(true);
    expect(h.tileDataLength).toBe(ocean.length + land.length + gzipSync(Buffer.from('unique-a')).length + gzipSync(Buffer.from('unique-b')).length);
    // Every run really is consecutive TileIDs sharing one blob.
    const byId = new Map(tiles.map((t) => [zxyToTileId(t.z, t.x, t.y), Buffer.from(t.data).toString('hex')]));
    for (const e of entries) {
      for (let i = 1; i < e.runLength; i++) expect(byId.get(e.tileId + i)).toBe(byId.get(e.tileId));
    }

    await expectAllTilesReadable(archive, tiles);
    expect(await pm.getZxy(2, 0, 0)).toBeUndefined(); // below minZoom
  });

  it('splits into leaf directories for >20k tiles and still reads every tile', async () => {
    const rand = seededRandom(42);
    const shared = gzipSync(Buffer.from('shared-empty-tile'));
    const tiles: TileEntry[] = [];
    // z10 block of 150×150 = 22,500 tiles, plus a small pyramid above it.
    // Varying payload sizes and random holes keep the directory from
    // compressing down to nothing, so the root cannot hold all entries.
    for (let x = 500; x < 650; x++) {
      for (let y = 300; y < 450; y++) {
        if (rand() < 0.05) continue; // holes
        if (rand() < 0.2) {
          tiles.push({ z: 10, x, y, data: shared });
          continue;
        }
        // level 0 (stored): fast, and the stored length tracks the random payload length.
        const payload = Buffer.alloc(8 + Math.floor(rand() * 400), x ^ y);
        tiles.push({ z: 10, x, y, data: gzipSync(payload, { level: 0 }) });
      }
    }
    const upper = pyramid(6, 9);
    tiles.push(...upper);
    expect(tiles.length).toBeGreaterThan(20_000);

    const options: PmtilesOptions = { ...OPTIONS, minZoom: 6, maxZoom: 10, center: [8.2, 46.8, 8] };
    const archive = writePmtiles(tiles, options);
    const { header, leafPointers, root } = inspect(archive);
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(leafPointers.length).toBeGreaterThan(1);
    expect(root.every((e) => e.runLength === 0)).toBe(true);
    expect(header.rootDirectoryLength + 127).toBeLessThanOrEqual(16_384);
    expect(header.numAddressedTiles).toBe(tiles.length);

    const { pm } = open(archive, zlibDecompress);
    expect(await pm.getMetadata()).toEqual(OPTIONS.metadata);
    await expectAllTilesReadable(archive, tiles, zlibDecompress);

    const written = new Set(tiles.map((t) => `${t.z}/${t.x}/${t.y}`));
    let missingChecked = 0;
    for (let x = 500; x < 650 && missingChecked < 20; x++) {
      for (let y = 300; y < 450 && missingChecked < 20; y++) {
        if (written.has(`10/${x}/${y}`)) continue;
        expect(await pm.getZxy(10, x, y)).toBeUndefined();
        missingChecked++;
      }
    }
    expect(missingChecked).toBeGreaterThan(0);
    expect(await pm.getZxy(10, 1023, 1023)).toBeUndefined(); // beyond the last leaf's entries
  });

  it('rejects invalid input', () => {
    const gz = gzipSync(Buffer.from('x'));
    expect(() => writePmtiles([], OPTIONS)).toThrow(/at least one tile/);
    expect(() =>
      writePmtiles(
        [
          { z: 1, x: 0, y: 0, data: gz },
          { z: 1, x: 0, y: 0, data: gz },
        ],
        OPTIONS,
      ),
    ).toThrow(/duplicate/);
    expect(() => writePmtiles([{ z: 6, x: 0, y: 0, data: gz }], OPTIONS)).toThrow(/zoom outside/);
    expect(() => writePmtiles([{ z: 1, x: 2, y: 0, data: gz }], OPTIONS)).toThrow();
    expect(() => writePmtiles([{ z: 1, x: 0, y: 0, data: new Uint8Array(0) }], OPTIONS)).toThrow(/empty/);
    expect(() => writePmtiles([{ z: 1, x: 0, y: 0, data: Buffer.from('plain') }], OPTIONS)).toThrow(/gzip/);
    expect(() => writePmtiles([{ z: 1, x: 0, y: 0, data: gz }], { ...OPTIONS, minZoom: 4, maxZoom: 2 })).toThrow(/zoom range/);
  });
});
