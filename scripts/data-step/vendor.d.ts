// Minimal types for the build-time libraries that ship none (geojson-vt and vt-pbf: src/vendor.d.ts).

declare module 'mapshaper' {
  const mapshaper: {
    applyCommands(commands: string, inputs: Record<string, unknown>): Promise<Record<string, string | Uint8Array>>;
  };
  export default mapshaper;
}

declare module 'polylabel' {
  export default function polylabel(polygon: number[][][], precision?: number): [number, number] & { distance: number };
}
