// What an officer gets on exporting a target area: its outline with its figures as GeoJSON (flat
// snake_case properties, which QGIS and ArcGIS show as attribute columns), and its LSOAs as CSV.
// readAreasFile (area-file.ts) reads the GeoJSON back as the same area.

import type { FeatureCollection, MultiPolygon, Position } from 'geojson';
import { writeCsv } from './csv-writer';
import type { LonLat } from '../core/scheme';
import type { TargetArea } from '../core/target-area';

export interface AreaFigures {
  /** The coverage rule that chose the LSOAs, as the app states it. */
  rule: string;
  indicator: string;
  /** LSOAs in this decile or more deprived with no scheme reaching them are gaps. */
  gapDecile: number;
  lsoas: number;
  people: number;
  /** People in decile 1 (most deprived) … 10, in that order. */
  peopleByDecile: number[];
  /** Null when the area has no people. */
  shareMostDeprived10: number | null;
  shareMostDeprived20: number | null;
  schemesReaching: number;
  allocatedGbp: number;
  gapLsoas: number;
  lsoaCodes: string[];
}

interface AreaExportProperties {
  name: string;
  description: string;
  colour: string;
  coverage_rule: string;
  indicator: string;
  gap_decile: number;
  lsoas: number;
  people: number;
  [peopleInDecile: `people_decile_${number}`]: number;
  share_most_deprived_10: number | null;
  share_most_deprived_20: number | null;
  schemes_reaching: number;
  allocated_gbp: number;
  gap_lsoas: number;
  lsoa_codes: string[];
  exported_at: string;
}

/** `gapmap` marks the file as a GapMap area export, for whoever reads it next. */
export type AreaGeoJson = FeatureCollection<MultiPolygon, AreaExportProperties> & { gapmap: { area: 1 } };

const DECILES = 10;

/** 6 decimals of a degree is about 10 cm, finer than any boundary is drawn; more digits only make the file larger. */
const roundDegrees = (value: number) => Math.round(value * 1e6) / 1e6;
const roundPennies = (gbp: number) => Math.round(gbp * 100) / 100;

export function areaGeoJson(
  area: Pick<TargetArea, 'name' | 'description' | 'colour'>,
  polygons: LonLat[][][],
  figures: AreaFigures,
  exportedAt: string,
): AreaGeoJson {
  const coordinates = polygons.map((rings) => rings.map((ring) => ring.map(([lon, lat]): Position => [roundDegrees(lon), roundDegrees(lat)])));
  const peopleByDecile = Object.fromEntries(Array.from({ length: DECILES }, (_, k) => [`people_decile_${k + 1}`, figures.peopleByDecile[k] ?? 0] as const));
  return {
    type: 'FeatureCollection',
    gapmap: { area: 1 },
    features: [
      {
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates },
        properties: {
          name: area.name,
          description: area.description,
          colour: area.colour,
          coverage_rule: figures.rule,
          indicator: figures.indicator,
          gap_decile: figures.gapDecile,
          lsoas: figures.lsoas,
          people: figures.people,
          ...peopleByDecile,
          share_most_deprived_10: figures.shareMostDeprived10,
          share_most_deprived_20: figures.shareMostDeprived20,
          schemes_reaching: figures.schemesReaching,
          allocated_gbp: roundPennies(figures.allocatedGbp),
          gap_lsoas: figures.gapLsoas,
          lsoa_codes: [...figures.lsoaCodes],
          exported_at: exportedAt,
        },
      },
    ],
  };
}

export interface AreaLsoaRow {
  code: string;
  name: string | null;
  ward: string | null;
  district: string | null;
  people: number;
  decile: number;
  schemes: number;
  allocatedGbp: number;
  gap: boolean;
}

/** The area's LSOAs, one a row (formulas in names escaped by the shared writer, csv-writer.ts). */
export function areaLsoasCsv(rows: readonly AreaLsoaRow[]): string {
  return writeCsv(
    ['lsoa21cd', 'name', 'ward', 'district', 'people', 'decile', 'schemes_reaching', 'allocated_gbp', 'gap'],
    rows.map((row) => [
      row.code,
      row.name ?? '',
      row.ward ?? '',
      row.district ?? '',
      row.people,
      row.decile,
      row.schemes,
      row.allocatedGbp.toFixed(2),
      row.gap ? 'yes' : 'no',
    ]),
  );
}
