import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../src/data/load';
import type { DetailsFile } from '../../src/data/schema';
import { urlViewOf } from '../../src/state/view-snapshot';
import { selectLegendTally, summariseArea, summariseLsoa } from '../../src/state/selectors';
import { createAppStore } from '../../src/state/store';
import { highlightedArea } from '../../src/state/slices/panel';
import type { PostcodeLookup } from '../../src/state/orchestration/navigation';
import { EMPTY_URL_VIEW, formatViewHash, parseViewHash, type UrlView } from '../../src/state/url';
import { attributes, details, manifest } from './app-fixture';

function setup(url: UrlView = EMPTY_URL_VIEW, fetchDetails = async (): Promise<Result<DetailsFile>> => ({ ok: true, value: details })) {
  const saveBasemapUrl = vi.fn();
  const fetchSpy = vi.fn(fetchDetails);
  const store = createAppStore({ manifest, attributes, url, basemapUrl: null }, { fetchDetails: fetchSpy, saveBasemapUrl });
  return { store, fetchSpy, saveBasemapUrl };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createAppStore', () => {
  it('opens on England with IMD, asking the map to fit England', () => {
    const { store } = setup();
    const state = store.getState();
    expect(state.indicator).toBe('imd');
    expect(state.scope).toEqual({ kind: 'england' });
    expect(state.cameraRequest).toEqual({
      seq: expect.any(Number),
      target: { kind: 'bounds', bounds: manifest.bounds, maxZoom: 13 },
      animate: false,
    });
  });

  it('reopens the view a link describes', () => {
    const { store, fetchSpy } = setup(parseViewHash('#map=9.5/53.45/-2.31&ind=income&scope=lad:E08000009&lsoa=E01000004'));
    const state = store.getState();
    expect(state.indicator).toBe('income');
    expect(state.scope).toEqual({ kind: 'lad', index: 2 });
    expect(state.panel).toEqual({ mode: 'lsoa', index: 3, from: null });
    expect(state.cameraRequest?.target).toEqual({ kind: 'camera', camera: { zoom: 9.5, lat: 53.45, lng: -2.31 } });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(formatViewHash(urlViewOf({ ...state, camera: { zoom: 9.5, lat: 53.45, lng: -2.31 } }))).toBe(
      '#map=9.5/53.45/-2.31&ind=income&scope=lad:E08000009&lsoa=E01000004',
    );
  });

  it('shows a notice for parts of a link the data does not hold', () => {
    const { store } = setup(parseViewHash('#scope=lad:E06000001&lsoa=E01999999'));
    expect(store.getState().scope).toEqual({ kind: 'england' });
    expect(store.getState().notice?.text).toMatch(/area E06000001, LSOA E01999999/);
  });
});

describe('actions', () => {
  it('switches indicator only to one the data holds', () => {
    const { store } = setup();
    store.getState().setIndicator('income');
    expect(store.getState().indicator).toBe('income');
    store.getState().setIndicator('idaci');
    expect(store.getState().indicator).toBe('income');
  });

  it('sets the scope, fits it, and recounts the legend', () => {
    const { store } = setup();
    const before = store.getState().cameraRequest?.seq ?? 0;
    store.getState().setScope({ kind: 'county', index: 0 }, { fit: true });
    const state = store.getState();
    expect(state.cameraRequest).toMatchObject({ seq: before + 1, animate: true, target: { bounds: [0.0, 51.5, 1.3, 52.1] } });
    expect(selectLegendTally(state).lsoas).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(selectLegendTally(state)).toBe(selectLegendTally(store.getState()));
  });

  it('loads the details once, however often asked', async () => {
    const { store, fetchSpy } = setup();
    store.getState().loadDetails();
    store.getState().loadDetails();
    await settle();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(store.getState().details.status).toBe('ready');
  });

  it('flies to an LSOA chosen before the details arrive once they do (its bounds come with them)', async () => {
    const { store } = setup();
    const before = store.getState().cameraRequest?.seq ?? 0;
    store.getState().selectLsoa(1, { fly: true });
    expect(store.getState().cameraRequest?.seq ?? 0).toBe(before);
    await settle();
    const request = store.getState().cameraRequest;
    expect(request?.seq).toBeGreaterThan(before);
    expect(request?.target.kind).toBe('bounds');
    if (request?.target.kind === 'bounds') {
      const [w, s, e, n] = request.target.bounds;
      // Fixture LSOA 1 spans 0.32..0.33 E, 51.52..51.53 N.
      expect(w).toBeCloseTo(0.32, 3);
      expect(n).toBeCloseTo(51.53, 3);
      expect(e).toBeGreaterThan(w);
      expect(n).toBeGreaterThan(s);
    }
    expect(store.getState().pendingFlyLsoa).toBeNull();
  });

  it('keeps a failed details load as a state the UI can explain', async () => {
    const { store } = setup(EMPTY_URL_VIEW, async () => ({
      ok: false,
      problem: { kind: 'unreachable', message: 'Could not reach d.json.', url: 'd.json' },
    }));
    store.getState().loadDetails();
    await settle();
    expect(store.getState().details).toMatchObject({ status: 'failed', problem: { message: 'Could not reach d.json.' } });
  });

  it('goes from a ward to one of its LSOAs and back, highlighting the ward throughout', async () => {
    const { store } = setup();
    store.getState().loadDetails();
    await settle();
    expect(store.getState().searchIndex.entries.some((entry) => entry.kind === 'ward')).toBe(true);

    store.getState().chooseSearchEntry({ kind: 'ward', index: 2, label: 'Stretford and Humphrey Park', detail: '', fuzzy: true });
    expect(store.getState().panel).toEqual({ mode: 'area', area: { kind: 'ward', index: 2 } });
    expect(store.getState().cameraRequest?.target).toEqual({ kind: 'bounds', bounds: [-2.4, 53.4, -2.37, 53.43], maxZoom: 13 });

    store.getState().selectLsoa(4, { fly: true });
    expect(highlightedArea(store.getState().panel)).toEqual({ kind: 'ward', index: 2 });
    store.getState().closePanel();
    expect(store.getState().panel).toEqual({ mode: 'area', area: { kind: 'ward', index: 2 } });
    store.getState().closePanel();
    expect(store.getState().panel).toEqual({ mode: 'closed' });
  });

  it('sets the scope when a council is chosen in search', () => {
    const { store } = setup();
    store.getState().chooseSearchEntry({ kind: 'lad', index: 1, label: 'Uttlesford', detail: '', fuzzy: true });
    expect(store.getState().scope).toEqual({ kind: 'lad', index: 1 });
  });

  it('saves the basemap address, trimmed, and clears it when empty', () => {
    const { store, saveBasemapUrl } = setup();
    store.getState().setBasemapUrl('  https://example.org/style.json ');
    expect(store.getState().basemapUrl).toBe('https://example.org/style.json');
    store.getState().setBasemapUrl('');
    expect(store.getState().basemapUrl).toBeNull();
    expect(saveBasemapUrl).toHaveBeenLastCalledWith(null);
  });
});

describe('summaries', () => {
  it('describes an LSOA with ranks once the details have loaded', async () => {
    const { store } = setup();
    expect(summariseLsoa(store.getState(), 1)).toMatchObject({ code: 'E01000002', name: null, imd: { decile: 8, rank: null } });
    store.getState().loadDetails();
    await settle();
    expect(summariseLsoa(store.getState(), 1)).toMatchObject({
      name: 'Basildon 001B',
      ward: 'Pitsea North West',
      msoa: { hclName: 'Pitsea North', name: 'Basildon 001' },
      lad: 'Basildon',
      county: 'Essex',
      region: 'East of England',
      population: 1500,
      imd: { decile: 8, rank: 26525 },
      domains: [{ key: 'income', decile: 9, rank: 30000 }],
      supplementary: [],
    });
    expect(summariseLsoa(store.getState(), 3).county).toBeNull(); // Trafford is its own upper tier
  });

  it('describes an MSOA by its Commons Library name, with its LSOAs', async () => {
    const { store } = setup();
    store.getState().loadDetails();
    await settle();
    expect(summariseArea(store.getState(), { kind: 'msoa', index: 2 })).toMatchObject({
      name: 'Old Trafford',
      onsName: 'Trafford 001',
      lad: 'Trafford',
      population: 3000,
      lsoas: [
        { code: 'E01000004', decile: 3 },
        { code: 'E01000005', decile: 3 },
      ],
    });
  });
});

describe('postcode search', () => {
  function withPostcodes(lookup: (text: string) => Promise<PostcodeLookup>) {
    return createAppStore(
      { manifest, attributes, url: EMPTY_URL_VIEW, basemapUrl: null },
      { fetchDetails: async () => ({ ok: true, value: details }), saveBasemapUrl: () => undefined, lookupPostcode: lookup },
    );
  }

  it('goes to a postcode: shows its LSOA, marks the spot and moves the map there', async () => {
    const store = withPostcodes(async () => ({ ok: true, postcode: 'M1 1AD', lon: -2.2374, lat: 53.4776, lsoa: 2 }));
    await store.getState().goToPostcode('m11ad');
    const state = store.getState();
    expect(state.panel).toMatchObject({ mode: 'lsoa', index: 2 });
    expect(state.postcodeMarker).toEqual({ postcode: 'M1 1AD', lon: -2.2374, lat: 53.4776 });
    expect(state.cameraRequest?.target).toMatchObject({ kind: 'bounds', maxZoom: 15 });
    const [w, s, e, n] = state.cameraRequest!.target.kind === 'bounds' ? state.cameraRequest!.target.bounds : [0, 0, 0, 0];
    expect([(w + e) / 2, (s + n) / 2]).toEqual([expect.closeTo(-2.2374, 6), expect.closeTo(53.4776, 6)]);
  });

  it('says why a postcode is not found, and changes nothing else', async () => {
    const store = withPostcodes(async () => ({ ok: false, reason: 'postcode EH1 1YZ is in Scotland; GapMap covers England only' }));
    const before = store.getState();
    await store.getState().goToPostcode('EH1 1YZ');
    const state = store.getState();
    expect(state.notice?.text).toBe('Postcode EH1 1YZ is in Scotland; GapMap covers England only.');
    expect(state.panel).toBe(before.panel);
    expect(state.postcodeMarker).toBeNull();
  });
});
