// The offline copy's range requests (src/data/byte-range.ts): cut from the stored whole file as a
// static server would, so the map reads the stored PMTiles archive exactly as it reads the served one.

import fs from 'node:fs';
import path from 'node:path';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { rangeResponse } from '../../src/data/byte-range';
import type { DataManifest } from '../../src/data/schema';
import { builtDataDir, hasBuiltData } from './built-data';

const BYTES = Uint8Array.from({ length: 100 }, (_, i) => i);
const whole = () => new Response(BYTES, { headers: { 'Content-Type': 'application/octet-stream', ETag: '"v1"' } });

async function bytesOf(response: Response): Promise<number[]> {
  return [...new Uint8Array(await response.arrayBuffer())];
}

describe('rangeResponse', () => {
  it('answers bytes=a-b with 206, the bytes, Content-Range and Content-Length, keeping the ETag', async () => {
    const response = await rangeResponse('bytes=10-19', whole());
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 10-19/100');
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(await bytesOf(response)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('reads an open end, the last n bytes, and an end past the file as the rest of it', async () => {
    expect(await bytesOf(await rangeResponse('bytes=97-', whole()))).toEqual([97, 98, 99]);
    expect(await bytesOf(await rangeResponse('bytes=-2', whole()))).toEqual([98, 99]);
    const past = await rangeResponse('bytes=95-500', whole());
    expect(past.headers.get('content-range')).toBe('bytes 95-99/100');
    expect(await bytesOf(past)).toEqual([95, 96, 97, 98, 99]);
  });

  it('refuses a range starting past the end with 416, and gives the whole file for no range or one it does not read', async () => {
    const beyond = await rangeResponse('bytes=100-120', whole());
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */100');
    for (const header of [null, 'bytes=0-1,5-6', 'items=0-1', 'bytes=-']) {
      const response = await rangeResponse(header, whole());
      expect(response.status, String(header)).toBe(200);
      expect((await bytesOf(response)).length).toBe(100);
    }
  });
});

/** The official PMTiles reader over ranges cut from the whole archive held in a Response. */
class StoredSource implements Source {
  constructor(private readonly file: Uint8Array<ArrayBuffer>) {}
  getKey(): string {
    return 'stored';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const response = await rangeResponse(`bytes=${offset}-${offset + length - 1}`, new Response(this.file));
    expect(response.status).toBe(206);
    return { data: await response.arrayBuffer() };
  }
}

/** The same archive read by plain slices of the file, as a server's ranges would give it. */
class FileSource implements Source {
  constructor(private readonly file: Uint8Array<ArrayBuffer>) {}
  getKey(): string {
    return 'file';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: this.file.slice(offset, offset + length).buffer };
  }
}

describe.skipIf(!hasBuiltData)('the real tiles archive read through stored ranges', () => {
  it('gives the same header and tiles as the file itself', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(builtDataDir, 'manifest.json'), 'utf8')) as DataManifest;
    const file = new Uint8Array(fs.readFileSync(path.join(builtDataDir, manifest.files.tiles)));
    const archive = new PMTiles(new StoredSource(file));
    const direct = new PMTiles(new FileSource(file));
    const header = await archive.getHeader();
    expect([header.minZoom, header.maxZoom]).toEqual([manifest.tiles.minzoom, manifest.tiles.maxzoom]);
    // A tile over London at the lowest and the highest zoom: present, and non-empty.
    for (const [z, x, y] of [
      [4, 7, 5],
      [12, 2046, 1362],
    ] as const) {
      const tile = await archive.getZxy(z, x, y);
      expect(tile?.data.byteLength, `tile ${z}/${x}/${y}`).toBeGreaterThan(100);
      expect(new Uint8Array(tile!.data)).toEqual(new Uint8Array((await direct.getZxy(z, x, y))!.data));
    }
  });
});
