// What each column of a table of schemes means, guessed from its header (and, for grid
// references, its values), for the user to check and change before anything is imported.
// Headers are compared loosely: case, spaces, punctuation and 360Giving's ":0:" list indices are
// ignored, so "Beneficiary Location:0:Geographic Code", "Beneficiary Location:Geographic Code"
// and "beneficiaryLocation_geoCode" are one header.

/** Whose place a location column gives: 360Giving prefers where a grant benefits over the recipient's address. */
export type LocationPlace = 'beneficiary' | 'scheme' | 'recipient';
export const LOCATION_PLACES: readonly LocationPlace[] = ['beneficiary', 'scheme', 'recipient'];

export type LocationPart = 'latitude' | 'longitude' | 'easting' | 'northing' | 'postcode' | 'code' | 'code-type';

export type SchemeField = 'id' | 'name' | 'amount' | 'funder' | 'start' | 'awarded' | 'end' | 'kind' | 'theme' | 'radius';

export type ColumnMeaning =
  | { kind: 'ignore' }
  | { kind: 'field'; field: SchemeField }
  | { kind: 'location'; place: LocationPlace; part: LocationPart; lsoaVintage?: 'lsoa21' | 'lsoa11' };

const IGNORE: ColumnMeaning = { kind: 'ignore' };

/** Normalised header: lower case letters and digits only, list indices (":0:") dropped. */
function normaliseHeader(header: string): string {
  return header
    .replace(/:\d+:/g, ':')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Headers for each field, normalised, most specific first (the first column found wins). */
const FIELD_HEADERS: Record<SchemeField, readonly string[]> = {
  id: ['id', 'identifier', 'schemeid', 'grantid', 'serviceid', 'ref', 'reference', 'atcocode', 'naptancode'],
  name: ['name', 'title', 'schemename', 'projectname', 'commonname', 'label'],
  amount: ['amountgbp', 'amountawarded', 'amount', 'awardamount', 'value', 'grantamount'],
  funder: ['funder', 'fundingorgname', 'fundingorganizationname', 'fundingorganisation', 'fundingorganisationname', 'fundername'],
  start: ['start', 'startdate', 'planneddatesstartdate', 'datestart'],
  awarded: ['awarddate', 'dateawarded', 'awarded'],
  end: ['end', 'enddate', 'planneddatesenddate', 'dateend'],
  kind: ['kind', 'schemekind', 'type'],
  theme: ['theme', 'grantprogrammetitle', 'programme', 'mission'],
  radius: ['radiusm', 'radius', 'catchmentm', 'catchment', 'bufferm', 'buffer'],
};

const PLACE_PREFIXES: readonly [prefix: string, place: LocationPlace][] = [
  ['beneficiarylocation', 'beneficiary'],
  ['recipientorganization', 'recipient'],
  ['recipientorganisation', 'recipient'],
  ['recipientorg', 'recipient'],
  ['recipient', 'recipient'],
];

/** Location parts by the rest of the header (after any place prefix). Order matters: "geocodetype" before "geocode". */
const PART_HEADERS: readonly [names: readonly string[], part: LocationPart, vintage?: 'lsoa21' | 'lsoa11'][] = [
  [['geographiccodetype', 'geocodetype', 'codetype', 'areatype'], 'code-type'],
  [['latitude', 'lat'], 'latitude'],
  [['longitude', 'lon', 'lng', 'long'], 'longitude'],
  [['easting', 'eastings', 'east', 'bngeasting', 'xcoordinate'], 'easting'],
  [['northing', 'northings', 'north', 'bngnorthing', 'ycoordinate'], 'northing'],
  [['postcode', 'postalcode', 'postcodes', 'pcd', 'pcds'], 'postcode'],
  [['lsoa21cd', 'lsoa2021', 'lsoa2021code', 'lsoacode2021'], 'code', 'lsoa21'],
  [['lsoa11cd', 'lsoa2011', 'lsoa2011code', 'lsoacode2011'], 'code', 'lsoa11'],
  [
    [
      'geographiccode',
      'geocode',
      'areacode',
      'areacodes',
      'lsoacode',
      'lsoa',
      'wardcode',
      'ward',
      'ladcode',
      'lad',
      'localauthoritycode',
      'countycode',
      'regioncode',
    ],
    'code',
  ],
];

function meaningOfHeader(header: string): ColumnMeaning {
  const normal = normaliseHeader(header);
  let place: LocationPlace = 'scheme';
  let rest = normal;
  for (const [prefix, p] of PLACE_PREFIXES) {
    if (normal.startsWith(prefix) && normal.length > prefix.length) {
      place = p;
      rest = normal.slice(prefix.length);
      break;
    }
  }
  for (const [names, part, vintage] of PART_HEADERS) {
    if (names.includes(rest)) return { kind: 'location', place, part, ...(vintage ? { lsoaVintage: vintage } : {}) };
  }
  // Other beneficiary or recipient columns (names, ids, addresses) are not the scheme's own fields.
  if (place !== 'scheme') return IGNORE;
  for (const [field, names] of Object.entries(FIELD_HEADERS) as [SchemeField, readonly string[]][]) {
    if (names.includes(normal)) return { kind: 'field', field };
  }
  // x / y are grid references only when their values say so (see guessColumns).
  return IGNORE;
}

/** Whether most of the sample values are numbers within [lo, hi]. */
function mostlyWithin(values: readonly string[], lo: number, hi: number): boolean {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return false;
  const inside = filled.filter((v) => {
    const n = Number(v.replace(/,/g, ''));
    return Number.isFinite(n) && n >= lo && n <= hi;
  });
  return inside.length >= filled.length * 0.9;
}

/**
 * A meaning per column, from the headers and a sample of rows. When two columns claim one
 * meaning, the more specific header keeps it and the other is not used.
 */
export function guessColumns(headers: readonly string[], sample: readonly (readonly string[])[]): ColumnMeaning[] {
  const meanings = headers.map(meaningOfHeader);
  const column = (c: number) => sample.map((row) => row[c] ?? '');
  headers.forEach((header, c) => {
    const normal = normaliseHeader(header);
    // "x"/"y" or "lat"/"lon" columns holding metres are British National Grid eastings/northings.
    if ((normal === 'x' || meanings[c]!.kind === 'location') && mostlyWithin(column(c), 1_000, 700_000)) {
      const m = meanings[c]!;
      if (normal === 'x' || (m.kind === 'location' && m.part === 'longitude'))
        meanings[c] = { kind: 'location', place: m.kind === 'location' ? m.place : 'scheme', part: 'easting' };
    }
    if ((normal === 'y' || meanings[c]!.kind === 'location') && mostlyWithin(column(c), 1_000, 1_300_000) && !mostlyWithin(column(c), -90, 90)) {
      const m = meanings[c]!;
      if (normal === 'y' || (m.kind === 'location' && m.part === 'latitude'))
        meanings[c] = { kind: 'location', place: m.kind === 'location' ? m.place : 'scheme', part: 'northing' };
    }
  });
  // One column per field and per place and part: the most specific header wins.
  const rank = (c: number): number => {
    const m = meanings[c]!;
    if (m.kind !== 'field') return 0;
    return FIELD_HEADERS[m.field].indexOf(normaliseHeader(headers[c]!));
  };
  const keyOf = (m: ColumnMeaning): string | null =>
    m.kind === 'field' ? `field:${m.field}` : m.kind === 'location' ? `location:${m.place}:${m.part}:${m.lsoaVintage ?? ''}` : null;
  const best = new Map<string, number>();
  meanings.forEach((m, c) => {
    const key = keyOf(m);
    if (key === null) return;
    const held = best.get(key);
    if (held === undefined || rank(c) < rank(held)) best.set(key, c);
  });
  return meanings.map((m, c) => {
    const key = keyOf(m);
    return key === null || best.get(key) === c ? m : IGNORE;
  });
}

/** "Beneficiary latitude", "Amount", … for the mapping preview. */
export function describeMeaning(meaning: ColumnMeaning): string {
  switch (meaning.kind) {
    case 'ignore':
      return 'Not used';
    case 'field':
      return FIELD_LABELS[meaning.field];
    case 'location': {
      const part =
        meaning.part === 'code' && meaning.lsoaVintage ? `${meaning.lsoaVintage === 'lsoa21' ? 'LSOA 2021' : 'LSOA 2011'} code` : PART_LABELS[meaning.part];
      return meaning.place === 'scheme' ? part[0]!.toUpperCase() + part.slice(1) : `${PLACE_LABELS[meaning.place]} ${part}`;
    }
  }
}

const FIELD_LABELS: Record<SchemeField, string> = {
  id: 'Id',
  name: 'Name',
  amount: 'Amount (£)',
  funder: 'Funder',
  start: 'Start date',
  awarded: 'Award date (the start when there is none)',
  end: 'End date',
  kind: 'Kind',
  theme: 'Theme',
  radius: 'Catchment radius (m)',
};

const PART_LABELS: Record<LocationPart, string> = {
  latitude: 'latitude',
  longitude: 'longitude',
  easting: 'easting (British National Grid)',
  northing: 'northing (British National Grid)',
  postcode: 'postcode',
  code: 'area code (LSOA, ward, district, county or region)',
  'code-type': 'area code type',
};

const PLACE_LABELS: Record<LocationPlace, string> = {
  beneficiary: 'Beneficiary location',
  scheme: 'Location',
  recipient: 'Recipient',
};
