// The scheme form (drawn on the map or edited by hand): what the user types becomes the scheme,
// or each field says what to fix; the shape and place are never changed by the form.

import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { formFieldsOf, reachLabel, schemeFromForm, type SchemeFormFields } from '../../src/data/scheme-form';

// A stop from ../shared/data/transport (Trafford bus stops), placed by hand.
const stop: Scheme = { id: 'drawn-1', name: 'New scheme', kind: 'community', footprint: { type: 'point', point: [-2.3465, 53.4083], radiusM: 400 } };
const route: Scheme = {
  id: 'r-263',
  name: 'Route 263',
  kind: 'transport',
  funder: 'TfGM',
  amountGbp: 9000,
  start: '2024-04-01',
  footprint: {
    type: 'line',
    lines: [
      [
        [-2.35, 53.41],
        [-2.34, 53.42],
      ],
    ],
    bufferM: 400,
  },
};
const grant: Scheme = { id: 'g1', name: 'Grant', kind: 'grant', footprint: { type: 'areas', areas: [{ kind: 'lad', code: 'E08000009' }] } };

const typed = (scheme: Scheme, changes: Partial<SchemeFormFields>): SchemeFormFields => ({ ...formFieldsOf(scheme), ...changes });

describe('scheme form', () => {
  it('fills the fields from the scheme and gives back the same scheme unchanged', () => {
    expect(formFieldsOf(route)).toEqual({
      name: 'Route 263',
      kind: 'transport',
      amount: '9000',
      funder: 'TfGM',
      theme: '',
      start: '2024-04-01',
      end: '',
      reachM: '400',
      proposed: false,
    });
    expect(schemeFromForm(route, formFieldsOf(route))).toEqual({ ok: true, scheme: route });
    expect(schemeFromForm(grant, formFieldsOf(grant))).toEqual({ ok: true, scheme: grant });
  });

  it('reads amounts and dates as people type them, and the reach into the footprint', () => {
    const read = schemeFromForm(
      stop,
      typed(stop, { name: '  Sale hub ', amount: '£12,500.50', start: '01/04/2025', end: '2026-03-31', reachM: '800', funder: 'Trafford Council' }),
    );
    expect(read).toEqual({
      ok: true,
      scheme: {
        id: 'drawn-1',
        name: 'Sale hub',
        kind: 'community',
        amountGbp: 12500.5,
        funder: 'Trafford Council',
        start: '2025-04-01',
        end: '2026-03-31',
        footprint: { type: 'point', point: [-2.3465, 53.4083], radiusM: 800 },
      },
    });
    expect(schemeFromForm(stop, typed(stop, { amount: '1.2k' }))).toMatchObject({ ok: true, scheme: { amountGbp: 1200 } });
  });

  it('marks a scheme proposed, and unmarks it', () => {
    const marked = schemeFromForm(route, typed(route, { proposed: true }));
    expect(marked.ok && marked.scheme.proposed).toBe(true);
    const unmarked = schemeFromForm(marked.ok ? marked.scheme : route, typed(route, { proposed: false }));
    expect(unmarked.ok && 'proposed' in unmarked.scheme).toBe(false);
  });

  it('clearing an optional field removes it from the scheme', () => {
    const read = schemeFromForm(route, typed(route, { funder: ' ', amount: '', start: '' }));
    expect(read.ok && read.scheme).toEqual({ id: 'r-263', name: 'Route 263', kind: 'transport', footprint: route.footprint });
  });

  it('says which field to fix, and why', () => {
    const read = schemeFromForm(route, typed(route, { name: '', kind: 'bus', amount: 'twelve', start: '31/02/2025', end: '2024-01-01', reachM: '-5' }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual({
      name: 'Give the scheme a name.',
      kind: 'Choose a kind: grant, transport, community, other.',
      amount: "'twelve' is not an amount of pounds: write it as 12500, £12,500.00 or 12.5k.",
      start: "'31/02/2025' is not a date: use the date picker, or write it as dd/mm/yyyy.",
      reachM: 'Enter a distance from 0 to 50,000 metres.',
    });
    const backwards = schemeFromForm(route, typed(route, { start: '2025-05-01', end: '2025-04-01' }));
    expect(!backwards.ok && backwards.errors).toEqual({ end: 'The end date is before the start date.' });
    expect(schemeFromForm(route, typed(route, { reachM: '' })).ok).toBe(false);
    expect(schemeFromForm(route, typed(route, { reachM: '60000' })).ok).toBe(false);
  });

  it('names the reach by shape; named areas have none', () => {
    expect(reachLabel(stop.footprint)).toMatch(/^Catchment radius/);
    expect(reachLabel(route.footprint)).toMatch(/either side of the route/);
    expect(reachLabel(grant.footprint)).toBeNull();
    // A reach typed for named areas is ignored, not an error.
    expect(schemeFromForm(grant, typed(grant, { reachM: 'abc' })).ok).toBe(true);
  });
});
