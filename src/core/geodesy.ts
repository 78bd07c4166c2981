// Local metric frames on the WGS84 ellipsoid. Coverage distances are short (catchments and
// walking buffers of up to a few kilometres), so each LSOA gets its own equirectangular frame
// scaled by the ellipsoid's radii of curvature at its centre. Within ±5 km of the centre the
// scale is right to about 0.05%, well inside the 0.5% tolerance the coverage rules promise.

const A = 6378137; // WGS84 semi-major axis, metres
const E2 = 0.00669437999014; // WGS84 first eccentricity squared
const DEG = Math.PI / 180;

export interface LocalFrame {
  lon0: number;
  lat0: number;
  /** Metres per degree of longitude and latitude at the frame's centre. */
  kx: number;
  ky: number;
}

export function localFrame(lon0: number, lat0: number): LocalFrame {
  const sin = Math.sin(lat0 * DEG);
  const w = 1 - E2 * sin * sin;
  const meridional = (A * (1 - E2)) / (w * Math.sqrt(w)); // M
  const primeVertical = A / Math.sqrt(w); // N
  return { lon0, lat0, kx: primeVertical * Math.cos(lat0 * DEG) * DEG, ky: meridional * DEG };
}

/** Degrees of longitude and latitude that certainly span `metres` near latitude `lat` (1% margin). */
export function degreesFor(metres: number, lat: number): { dLon: number; dLat: number } {
  const frame = localFrame(0, Math.min(Math.abs(lat) + 0.5, 89));
  return { dLon: (metres / frame.kx) * 1.01, dLat: (metres / frame.ky) * 1.01 };
}
