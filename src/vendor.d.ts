// Minimal types for the tile libraries that ship none (used by the data step and the coverage worker).

declare module 'geojson-vt' {
  export interface GeoJsonVtOptions {
    maxZoom?: number;
    indexMaxZoom?: number;
    indexMaxPoints?: number;
    tolerance?: number;
    extent?: number;
    buffer?: number;
    lineMetrics?: boolean;
    promoteId?: string | null;
    generateId?: boolean;
    debug?: number;
  }
  export interface GeoJsonVtTile {
    features: unknown[];
    numPoints: number;
    numSimplified: number;
    numFeatures: number;
  }
  export interface GeoJsonVtIndex {
    getTile(z: number, x: number, y: number): GeoJsonVtTile | null;
  }
  export default function geojsonvt(data: unknown, options?: GeoJsonVtOptions): GeoJsonVtIndex;
}

declare module 'vt-pbf' {
  import type { GeoJsonVtTile } from 'geojson-vt';
  export function fromGeojsonVt(layers: Record<string, GeoJsonVtTile>, options?: { version?: number; extent?: number }): Uint8Array;
}
