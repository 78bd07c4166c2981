// The `pmtiles://` protocol MapLibre reads the LSOA tiles through: one static file served with HTTP
// range requests, no tile server.

import maplibregl from 'maplibre-gl';
import { FetchSource, PMTiles, Protocol, type RangeResponse, type Source } from 'pmtiles';

/**
 * Chromium now and then fails a range request on a file it is also caching
 * (protomaps/PMTiles#384, #442): the fetch rejects with a TypeError. One retry clears it.
 */
class RetryingSource implements Source {
  private readonly inner: FetchSource;

  constructor(url: string) {
    this.inner = new FetchSource(url);
  }

  getKey(): string {
    return this.inner.getKey();
  }

  async getBytes(offset: number, length: number, signal?: AbortSignal, etag?: string): Promise<RangeResponse> {
    try {
      return await this.inner.getBytes(offset, length, signal, etag);
    } catch (error) {
      if (!(error instanceof TypeError) || signal?.aborted) throw error;
      return this.inner.getBytes(offset, length, signal, etag);
    }
  }
}

const protocol = new Protocol();
let protocolAdded = false;

/** Registers the archive at `tilesUrl` (once) and the protocol (once per page). */
export function addPmtilesProtocol(tilesUrl: string): void {
  if (!protocol.get(tilesUrl)) protocol.add(new PMTiles(new RetryingSource(tilesUrl)));
  if (protocolAdded) return;
  maplibregl.addProtocol('pmtiles', protocol.tile);
  protocolAdded = true;
}
