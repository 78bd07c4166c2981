// A 360Giving Data Standard JSON package ({"grants": [...]}) → a table with the standard's own
// flattened headers ("Amount Awarded", "Beneficiary Location:Geographic Code", …), so JSON and
// CSV downloads of the same grants go through one importer and one column mapping.

export interface Table {
  headers: string[];
  rows: string[][];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** The first object of a 360Giving list (the standard writes single things as one-item lists). */
function firstOf(value: unknown): Json {
  if (Array.isArray(value)) return value.find(isObject) ?? {};
  return isObject(value) ? value : {};
}

/** Every item's field, joined with "; " (a grant may benefit several areas). */
function allOf(value: unknown, key: string): string {
  const items = Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : [];
  return [...new Set(items.map((item) => text(item[key])).filter((v) => v !== ''))].join('; ');
}

const COLUMNS: readonly [header: string, read: (grant: Json) => string][] = [
  ['Identifier', (g) => text(g.id)],
  ['Title', (g) => text(g.title)],
  ['Amount Awarded', (g) => text(g.amountAwarded)],
  ['Currency', (g) => text(g.currency)],
  ['Award Date', (g) => text(g.awardDate)],
  ['Planned Dates:Start Date', (g) => text(firstOf(g.plannedDates).startDate)],
  ['Planned Dates:End Date', (g) => text(firstOf(g.plannedDates).endDate)],
  ['Funding Org:Name', (g) => text(firstOf(g.fundingOrganization).name)],
  ['Grant Programme:Title', (g) => text(firstOf(g.grantProgramme).title)],
  ['Recipient Org:Name', (g) => text(firstOf(g.recipientOrganization).name)],
  ['Recipient Org:Postal Code', (g) => text(firstOf(g.recipientOrganization).postalCode)],
  ['Beneficiary Location:Name', (g) => allOf(g.beneficiaryLocation, 'name')],
  ['Beneficiary Location:Geographic Code', (g) => allOf(g.beneficiaryLocation, 'geoCode')],
  ['Beneficiary Location:Geographic Code Type', (g) => allOf(g.beneficiaryLocation, 'geoCodeType')],
  ['Beneficiary Location:Latitude', (g) => text(firstOf(g.beneficiaryLocation).latitude)],
  ['Beneficiary Location:Longitude', (g) => text(firstOf(g.beneficiaryLocation).longitude)],
];

/** Whether parsed JSON is a 360Giving package. */
export function is360GivingPackage(value: unknown): value is { grants: unknown[] } {
  return isObject(value) && Array.isArray(value.grants);
}

export function grantsToTable(grants: readonly unknown[]): Table {
  return {
    headers: COLUMNS.map(([header]) => header),
    rows: grants.map((grant) => (isObject(grant) ? COLUMNS.map(([, read]) => read(grant)) : COLUMNS.map(() => ''))),
  };
}
