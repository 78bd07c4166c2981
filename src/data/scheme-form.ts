// A scheme from the fields of the edit form (drawn on the map, or changed by hand): each field as
// typed, checked one by one, so the form can say which field to fix and why. Amounts as people
// type them ("£1,234.50", "1.2k"); dates as the date picker gives them (yyyy-mm-dd) or dd/mm/yyyy.

import { SCHEME_KINDS, type Footprint, type Scheme, type SchemeKind } from '../core/scheme';
import { parseAmount, parseDate } from './scheme-properties';

export interface SchemeFormFields {
  name: string;
  kind: string;
  amount: string;
  funder: string;
  theme: string;
  start: string;
  end: string;
  /** Catchment radius (points) or buffer (routes, areas) in metres; ignored for named areas. */
  reachM: string;
  /** Proposed, not yet funded (the what-if). */
  proposed: boolean;
}

export type SchemeFormField = Exclude<keyof SchemeFormFields, 'proposed'>;

export type SchemeFormRead = { ok: true; scheme: Scheme } | { ok: false; errors: Partial<Record<SchemeFormField, string>> };

/** The farthest a scheme may reach from its point or line (a county's width). */
const MAX_REACH_M = 50_000;

/** The form's fields for a scheme, as the user will see them. */
export function formFieldsOf(scheme: Scheme): SchemeFormFields {
  const footprint = scheme.footprint;
  const reach = footprint.type === 'point' ? footprint.radiusM : footprint.type === 'areas' ? 0 : footprint.bufferM;
  return {
    name: scheme.name,
    kind: scheme.kind,
    amount: scheme.amountGbp === undefined ? '' : String(scheme.amountGbp),
    funder: scheme.funder ?? '',
    theme: scheme.theme ?? '',
    start: scheme.start ?? '',
    end: scheme.end ?? '',
    reachM: String(reach),
    proposed: scheme.proposed === true,
  };
}

/** What the reach field is called for this footprint (null: it has none). */
export function reachLabel(footprint: Footprint): string | null {
  switch (footprint.type) {
    case 'point':
      return 'Catchment radius (metres; 0 = just the LSOA it is in)';
    case 'line':
      return 'Walking distance either side of the route (metres)';
    case 'polygon':
      return 'Reach beyond the area (metres; 0 = the area itself)';
    case 'areas':
      return null;
  }
}

function withReach(footprint: Footprint, metres: number): Footprint {
  switch (footprint.type) {
    case 'point':
      return { ...footprint, radiusM: metres };
    case 'line':
    case 'polygon':
      return { ...footprint, bufferM: metres };
    case 'areas':
      return footprint;
  }
}

/** The scheme the fields describe, keeping `base`'s id, footprint shape and location; or what to fix. */
export function schemeFromForm(base: Scheme, fields: SchemeFormFields): SchemeFormRead {
  const errors: Partial<Record<SchemeFormField, string>> = {};
  const name = fields.name.trim();
  if (name === '') errors.name = 'Give the scheme a name.';
  const kind = SCHEME_KINDS.find((k) => k === fields.kind) as SchemeKind | undefined;
  if (!kind) errors.kind = `Choose a kind: ${SCHEME_KINDS.join(', ')}.`;
  const amountText = fields.amount.trim();
  const amount = amountText === '' ? undefined : parseAmount(amountText);
  if (amount !== undefined && Number.isNaN(amount)) errors.amount = `'${amountText}' is not an amount of pounds: write it as 12500, £12,500.00 or 12.5k.`;
  const date = (field: 'start' | 'end') => {
    const text = fields[field].trim();
    if (text === '') return undefined;
    const parsed = parseDate(text);
    if (parsed === undefined) errors[field] = `'${text}' is not a date: use the date picker, or write it as dd/mm/yyyy.`;
    return parsed;
  };
  const start = date('start');
  const end = date('end');
  if (start && end && end < start) errors.end = 'The end date is before the start date.';
  let reach = 0;
  if (base.footprint.type !== 'areas') {
    reach = Number(fields.reachM.trim());
    if (fields.reachM.trim() === '' || !Number.isFinite(reach) || reach < 0 || reach > MAX_REACH_M) {
      errors.reachM = `Enter a distance from 0 to ${MAX_REACH_M.toLocaleString('en-GB')} metres.`;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const funder = fields.funder.trim();
  const theme = fields.theme.trim();
  const { funder: _f, theme: _t, start: _s, end: _e, amountGbp: _a, proposed: _p, ...kept } = base;
  return {
    ok: true,
    scheme: {
      ...kept,
      name,
      kind: kind!,
      ...(amount !== undefined ? { amountGbp: amount } : {}),
      ...(funder ? { funder } : {}),
      ...(theme ? { theme } : {}),
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
      ...(fields.proposed ? { proposed: true } : {}),
      footprint: withReach(base.footprint, reach),
    },
  };
}
