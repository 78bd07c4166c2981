// Plane geometry on metre coordinates in a local frame: the hot inner loops of the coverage
// analysis, on flat arrays of interleaved x, y.

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function pointSegmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSq : 0;
  t = Math.min(1, Math.max(0, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Whether r, known to be collinear with p–q, lies within the segment's box. */
function onSegment(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  return Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
}

/** Whether two segments share a point (crossing or touching). */
function segmentsTouch(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = orientation(cx, cy, dx, dy, ax, ay);
  const d2 = orientation(cx, cy, dx, dy, bx, by);
  const d3 = orientation(ax, ay, bx, by, cx, cy);
  const d4 = orientation(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (d2 === 0 && onSegment(cx, cy, dx, dy, bx, by)) ||
    (d3 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (d4 === 0 && onSegment(ax, ay, bx, by, dx, dy))
  );
}

/** Squared distance between two segments (0 when they touch). */
export function segmentSegmentDistanceSq(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): number {
  if (segmentsTouch(ax, ay, bx, by, cx, cy, dx, dy)) return 0;
  return Math.min(
    pointSegmentDistanceSq(ax, ay, cx, cy, dx, dy),
    pointSegmentDistanceSq(bx, by, cx, cy, dx, dy),
    pointSegmentDistanceSq(cx, cy, ax, ay, bx, by),
    pointSegmentDistanceSq(dx, dy, ax, ay, bx, by),
  );
}

/** Signed area of the circular sector (radius² = r2) swept from p to q about the origin. */
function sector(px: number, py: number, qx: number, qy: number, r2: number): number {
  return 0.5 * r2 * Math.atan2(px * qy - py * qx, px * qx + py * qy);
}

/**
 * Signed area of the part of the triangle (origin, A, B) inside the circle of radius r about the
 * origin. Summed over a closed ring's edges this gives the ring's signed area inside the circle.
 */
export function circleEdgeArea(ax: number, ay: number, bx: number, by: number, r: number): number {
  const r2 = r * r;
  const dx = bx - ax;
  const dy = by - ay;
  const a = dx * dx + dy * dy;
  if (a === 0) return 0;
  const b = ax * dx + ay * dy;
  const c = ax * ax + ay * ay - r2;
  const disc = b * b - a * c;
  if (disc <= 0) return sector(ax, ay, bx, by, r2);
  const root = Math.sqrt(disc);
  const lo = Math.max(0, (-b - root) / a);
  const hi = Math.min(1, (-b + root) / a);
  if (lo >= hi) return sector(ax, ay, bx, by, r2);
  const px = ax + lo * dx;
  const py = ay + lo * dy;
  const qx = ax + hi * dx;
  const qy = ay + hi * dy;
  return sector(ax, ay, px, py, r2) + 0.5 * (px * qy - py * qx) + sector(qx, qy, bx, by, r2);
}

/** Signed (shoelace) area of a ring stored as interleaved x, y from vertex `start` to `end` (exclusive). */
export function ringSignedArea(xy: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let v = start; v < end - 1; v++) {
    sum += xy[v * 2]! * xy[v * 2 + 3]! - xy[v * 2 + 2]! * xy[v * 2 + 1]!;
  }
  return sum / 2;
}
