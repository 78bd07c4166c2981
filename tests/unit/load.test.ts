import { describe, expect, it } from 'vitest';
import { fetchJson, loadAttributes, loadDetails, loadManifest, NO_DATA_MESSAGE, type Progress } from '../../src/data/load';
import { attributes, details, manifest } from './app-fixture';

const base = new URL('http://localhost/data/');

function respond(body: string, init: ResponseInit = {}) {
  return async () => new Response(body, { headers: { 'content-type': 'application/json' }, ...init });
}

describe('loadManifest', () => {
  it('returns the manifest', async () => {
    const result = await loadManifest(base, respond(JSON.stringify(manifest)));
    expect(result).toEqual({ ok: true, value: manifest });
  });

  it('says to run the data step when there is no manifest, or the dev server sends its index page', async () => {
    for (const fetchImpl of [respond('Not found', { status: 404 }), respond('<!doctype html>', { headers: { 'content-type': 'text/html' } })]) {
      const result = await loadManifest(base, fetchImpl);
      expect(result).toEqual({
        ok: false,
        problem: { kind: 'missing', message: NO_DATA_MESSAGE, url: 'http://localhost/data/manifest.json' },
      });
    }
  });

  it('reports an unreachable server and a broken or outdated manifest as problems, not throws', async () => {
    const offline = await loadManifest(base, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(offline.ok || offline.problem.kind).toBe('unreachable');
    const broken = await loadManifest(base, respond('{"version": 1, "files": '));
    expect(broken.ok || broken.problem.kind).toBe('invalid');
    const outdated = await loadManifest(base, respond(JSON.stringify({ ...manifest, version: 0 })));
    expect(outdated.ok || outdated.problem.message).toMatch(/another version/);
    const unknownIndicator = await loadManifest(base, respond(JSON.stringify({ ...manifest, indicators: ['imd', 'joy'] })));
    expect(unknownIndicator.ok || unknownIndicator.problem.kind).toBe('invalid');
  });
});

describe('loadAttributes', () => {
  it('returns the attributes and reports progress', async () => {
    const body = JSON.stringify(attributes);
    const seen: Progress[] = [];
    const result = await loadAttributes(
      'http://localhost/data/a.json',
      manifest,
      (progress) => seen.push(progress),
      respond(body, { headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }),
    );
    expect(result.ok).toBe(true);
    expect(seen.at(-1)).toEqual({ loaded: body.length, total: body.length });
  });

  it('names the column that does not match the LSOA count', async () => {
    const short = { ...attributes, deciles: { ...attributes.deciles, income: '123' } };
    const result = await loadAttributes('http://localhost/data/a.json', manifest, undefined, respond(JSON.stringify(short)));
    expect(result.ok || result.problem.message).toMatch(/a\.json: deciles for 'income'/);
    const noPopulation = { ...attributes, population: [] };
    const second = await loadAttributes('http://localhost/data/a.json', manifest, undefined, respond(JSON.stringify(noPopulation)));
    expect(second.ok || second.problem.message).toMatch(/column 'population' should hold 6 values/);
  });
});

describe('loadDetails', () => {
  it('returns the details when they match the LSOA count', async () => {
    expect((await loadDetails('http://localhost/data/d.json', 6, respond(JSON.stringify(details)))).ok).toBe(true);
    const noBoxes = await loadDetails('http://localhost/data/d.json', 6, respond(JSON.stringify({ ...details, bbox: [] })));
    expect(noBoxes.ok).toBe(false);
    const wrong = await loadDetails('http://localhost/data/d.json', 7, respond(JSON.stringify(details)));
    expect(wrong.ok || wrong.problem.kind).toBe('invalid');
  });
});

describe('fetchJson', () => {
  it('explains an HTTP failure', async () => {
    const result = await fetchJson('http://localhost/data/x.json', undefined, respond('', { status: 503 }));
    expect(result).toMatchObject({ ok: false, problem: { kind: 'unreachable', message: expect.stringMatching(/HTTP 503/) } });
  });
});
