// `npm run gapmap -- <command> …`: GapMap's analysis from the command line, on the data built by
// `npm run data`. Exit codes: 0 done, 1 unusable input or data (the message says what to fix),
// 2 wrong usage.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_SUMMARIES } from '../src/core/coverage-rule';
import { DEFAULT_LINE_BUFFER_M, DEFAULT_POINT_RADIUS_M, DEFAULT_STOP_RADIUS_M } from '../src/core/scheme';
import { parseCoverageArgs } from './cli/coverage-args';
import { runCoverage, UsageError } from './cli/coverage-command';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage: npm run gapmap -- coverage <schemes.geojson> [more schemes files…] [options]
       npm run gapmap -- report <schemes.geojson> [more…] --scope CODE|--scope-file AREA --pdf OUT.pdf [options]

coverage: which LSOAs each scheme reaches, where its money lands, and who is left out. Several
files are read as one set of schemes (e.g. bus stops and bus routes as one transport picture).
report: the same run, written as an A4 evidence pack (PDF: title, map, headline, decile table and
charts, £ per head, top gaps, schemes counted, rule and gap definition, sources); its figures are
those of coverage --summary for the same options. E.g. one pack per ward:
  for w in wards/*.geojson; do npm run gapmap -- report grants.csv --scope-file "$w" --pdf "packs/$(basename "$w" .geojson).pdf"; done

Options:
  --rule intersects|centroid|share:P   when a scheme reaches an LSOA (default intersects):
                                        intersects  ${RULE_SUMMARIES.intersects}
                                        centroid    ${RULE_SUMMARIES.centroid}
                                        share:P     ${RULE_SUMMARIES.share}
  --pdf FILE.pdf        report: the evidence pack to write (required for report)
  --out FILE.csv        per-LSOA table: lsoa21cd,count,amount_gbp,ids (default: standard output;
                        report writes it only when asked)
  --summary FILE.json   deciles, headline, gap list, fairness and problems for the scope
  --scope CODE          region (E12…), county (E10…) or district (E06/E07/E08/E09…); default England
  --scope-file FILE     a target area (GeoJSON, zipped shapefile, KML): its LSOAs by the rule are the
                        scope, and the summary lists them ("lsoas")
  --gap-decile D        deciles 1..D count as most deprived (default 2)
  --gaps unreached|underserved
                        which deprived LSOAs are gaps (default unreached):
                          unreached    no scheme reaches them
                          underserved  the least-reached fifth of them by schemes reaching
                                       (the CSV's count), ties at the cut all in
  --area-wide separate|count
                        schemes located no finer than a district, county or region
                        (e.g. a grant recorded only for "Trafford"): kept apart from the
                        figures and reported for their area (default), or counted as
                        reaching every LSOA of their area (an assumption)
  --indicator KEY       imd (default), income, employment, education, health, crime, barriers,
                        living, idaci, idaopi
  --data DIR            the built data (default public/data)
  --debug               on an unexpected failure, also print where it happened

Schemes file: GeoJSON, a zipped shapefile (reprojected by its .prj), KML/KMZ, 360Giving JSON
({"grants": [...]}) or a CSV/TSV table or Excel workbook (.xlsx; 360Giving flattened headers included). GeoJSON (FeatureCollection, Feature or geometry) in WGS84. Properties: id, name,
kind (grant|transport|community|other), amount_gbp, funder, start, end, theme, radius_m (points),
buffer_m (lines, polygons), service (a route's service), or lsoa21cd / lsoa11cd / area_codes to
name the areas reached.
Defaults: id from an id-like property (id, ServiceID, ref, code, …) else the feature's position;
name from name/title else the id; lines are transport with a ${DEFAULT_LINE_BUFFER_M} m buffer; points with
NaPTAN stop codes (atco_code, naptan_code) are transport stops with a ${DEFAULT_STOP_RADIUS_M} m walking
catchment, other points other with a ${DEFAULT_POINT_RADIUS_M} m radius; polygons other with no buffer.
Tables: each row is a grant (unless a kind column says otherwise) placed by the first usable of
the beneficiary location, its own location, then the recipient's; within each, latitude/longitude,
British National Grid easting/northing, a postcode, then an area code (LSOA 2021 or 2011, ward,
district, county, region). Rows that cannot be placed are listed with row, column and value.
Money: each scheme's amount_gbp is shared over the LSOAs it reaches in proportion to population.`;

/** --debug anywhere on the line: an unexpected failure also prints where it happened (the stack). */
const debug = process.argv.includes('--debug');

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--debug');
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'coverage' && command !== 'report') {
    console.error(`Unknown command '${command}'. ${HELP.split('\n')[0]}`);
    return 2;
  }
  const args = parseCoverageArgs(rest, path.join(projectRoot, 'public', 'data'), command);
  if (args.ok === 'help') {
    console.log(HELP);
    return 0;
  }
  if (!args.ok) {
    console.error(`${args.message}\n\n${HELP.split('\n')[0]} (--help for more)`);
    return 2;
  }
  try {
    await runCoverage(
      args.options,
      (line) => console.error(line),
      (text) => process.stdout.write(text),
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`gapmap: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One line for the user; the stack only when asked for (it means nothing to an officer).
    const message = error instanceof Error ? error.message : String(error);
    console.error(`gapmap failed unexpectedly: ${message}.${debug ? '' : ' Run again with --debug to see where.'}`);
    if (debug && error instanceof Error && error.stack) console.error(error.stack);
    process.exitCode = 1;
  },
);
