// The pack's map: the scope's LSOAs drawn as vector paths from the same street-level geometry the
// analysis uses (lsoa-geometry.ts), filled by decile of the indicator, the gaps outlined, with a
// key. Vector, so it is crisp in print at any size. One path per decile (filled even-odd, so a hole
// stays a hole); rings smaller than a fraction of a point are left out and vertices closer than
// one to the last are skipped, so a district's pack stays a few hundred kB.

import {
  closePath,
  LineJoinStyle,
  lineTo,
  moveTo,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
  stroke,
} from 'pdf-lib';
import { CASING_COLOUR, DECILE_COLOURS, GAP_COLOUR, NO_DECILE_COLOUR } from '../../theme';
import type { LsoaGeometry } from '../lsoa-geometry';
import { colourOf, MARGIN, type PdfKit } from './pdf-kit';

export interface MapInput {
  geometry: LsoaGeometry;
  /** LSOA indices to draw (the scope or the target area). */
  lsoas: readonly number[];
  /** Per LSOA (all of England): the indicator's decile 1..10 (0: none). */
  deciles: ArrayLike<number>;
  /** LSOA indices outlined as gaps. */
  gaps: readonly number[];
}

/** Rings whose box is smaller than this (points) both ways are not drawn; vertices nearer than it to the last are skipped. */
const TOLERANCE_PT = 0.35;
const round = (value: number) => Math.round(value * 100) / 100;

type Project = (lon: number, lat: number) => [number, number];

/** An equirectangular projection scaled by the cosine of the middle latitude (true shape at a district's size) into the box. */
function projection(geometry: LsoaGeometry, lsoas: readonly number[], box: { x: number; y: number; width: number; height: number }): Project | null {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  const { coords, vertexStart, ringStart, polygonStart } = geometry;
  for (const lsoa of lsoas) {
    // Outer rings bound their LSOA.
    for (let p = polygonStart[lsoa]!; p < polygonStart[lsoa + 1]!; p++) {
      const r = ringStart[p]!;
      for (let v = vertexStart[r]!; v < vertexStart[r + 1]!; v++) {
        const lon = coords[2 * v]!;
        const lat = coords[2 * v + 1]!;
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
    }
  }
  if (!(east > west && north > south)) return null;
  const k = Math.cos(((south + north) / 2 / 1e6) * (Math.PI / 180));
  const scale = Math.min(box.width / ((east - west) * k), box.height / (north - south));
  const offsetX = box.x + (box.width - (east - west) * k * scale) / 2;
  const offsetY = box.y + (box.height - (north - south) * scale) / 2;
  return (lon, lat) => [offsetX + (lon - west) * k * scale, offsetY + (lat - south) * scale];
}

/** Path operators for these LSOAs' rings (outer only when `outerOnly`). */
function ringsPath(geometry: LsoaGeometry, lsoas: readonly number[], project: Project, outerOnly: boolean): PDFOperator[] {
  const ops: PDFOperator[] = [];
  const { coords, vertexStart, ringStart, polygonStart } = geometry;
  for (const lsoa of lsoas) {
    for (let p = polygonStart[lsoa]!; p < polygonStart[lsoa + 1]!; p++) {
      const lastRing = outerOnly ? ringStart[p]! + 1 : ringStart[p + 1]!;
      for (let r = ringStart[p]!; r < lastRing; r++) {
        const points: [number, number][] = [];
        let minX = Infinity;
        let maxX = -Infinity;
        let minY = Infinity;
        let maxY = -Infinity;
        for (let v = vertexStart[r]!; v < vertexStart[r + 1]!; v++) {
          const [x, y] = project(coords[2 * v]!, coords[2 * v + 1]!);
          const last = points[points.length - 1];
          if (last && Math.abs(x - last[0]) < TOLERANCE_PT && Math.abs(y - last[1]) < TOLERANCE_PT) continue;
          points.push([x, y]);
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
        if (points.length < 3 || (maxX - minX < TOLERANCE_PT && maxY - minY < TOLERANCE_PT)) continue;
        points.forEach(([x, y], i) => ops.push(i === 0 ? moveTo(round(x), round(y)) : lineTo(round(x), round(y))));
        ops.push(closePath());
      }
    }
  }
  return ops;
}

/** Draws the map in the box (points from the page's bottom left) and its key below the box. */
export function drawMap(kit: PdfKit, input: MapInput, box: { x: number; y: number; width: number; height: number }, indicatorHeading: string): void {
  const project = projection(input.geometry, input.lsoas, box);
  const page = kit.page;
  if (project) {
    const byDecile = new Map<number, number[]>();
    for (const lsoa of input.lsoas) {
      const decile = input.deciles[lsoa] ?? 0;
      const list = byDecile.get(decile) ?? [];
      list.push(lsoa);
      byDecile.set(decile, list);
    }
    for (const [decile, list] of byDecile) {
      const colour = decile >= 1 && decile <= 10 ? DECILE_COLOURS[decile - 1]! : NO_DECILE_COLOUR;
      const { red, green, blue } = colourOf(colour);
      page.pushOperators(
        pushGraphicsState(),
        setFillingRgbColor(red, green, blue),
        ...ringsPath(input.geometry, list, project, false),
        PDFOperator.of(PDFOperatorNames.FillEvenOdd),
        popGraphicsState(),
      );
    }
    // Hairline borders, so neighbours of one decile still read as LSOAs.
    const { red, green, blue } = colourOf(CASING_COLOUR);
    page.pushOperators(
      pushGraphicsState(),
      setStrokingRgbColor(red, green, blue),
      setLineWidth(0.3),
      ...ringsPath(input.geometry, input.lsoas, project, true),
      stroke(),
      popGraphicsState(),
    );
    if (input.gaps.length > 0) {
      const gapPath = ringsPath(input.geometry, input.gaps, project, true);
      for (const [colour, width] of [
        [CASING_COLOUR, 2.4],
        [GAP_COLOUR, 1.2],
      ] as const) {
        const { red, green, blue } = colourOf(colour);
        page.pushOperators(
          pushGraphicsState(),
          setStrokingRgbColor(red, green, blue),
          setLineWidth(width),
          setLineJoin(LineJoinStyle.Round),
          ...gapPath,
          stroke(),
          popGraphicsState(),
        );
      }
    }
  }
  drawKey(kit, box.y - 10, indicatorHeading, input.gaps.length > 0);
}

/** Ten decile swatches in a row (1 = most deprived), and the gap outline's swatch. */
function drawKey(kit: PdfKit, top: number, heading: string, withGaps: boolean): void {
  kit.textAt(`${heading} (1 = most deprived 10% of LSOAs in England)`, MARGIN, top, { size: 8, bold: true });
  const swatch = 22;
  DECILE_COLOURS.forEach((colour, i) => {
    const x = MARGIN + i * (swatch + 4);
    kit.page.drawRectangle({ x, y: top - 26, width: swatch, height: 12, color: colourOf(colour) });
    kit.textAt(String(i + 1), x + swatch / 2 - kit.width(String(i + 1), { size: 7 }) / 2, top - 28, { size: 7 });
  });
  if (withGaps) {
    const x = MARGIN + 10 * (swatch + 4) + 16;
    kit.page.drawRectangle({ x, y: top - 26, width: swatch, height: 12, borderColor: colourOf(GAP_COLOUR), borderWidth: 1.5 });
    kit.textAt('Gap (outlined)', x + swatch + 6, top - 16, { size: 8 });
  }
}
