// The data step's download path, against a local server on 127.0.0.1 (tests never reach the
// internet): an interrupted download resumes with an HTTP Range request and ends byte-for-byte
// complete; a cached file is not fetched again; a server error names the address.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAll, type SourceManifest } from '../../scripts/data-step/source';

// A real input's bytes, so the check is on data the step would download.
const BODY = fs.readFileSync(path.resolve(__dirname, '../fixtures/source-city-of-london/iod2025/iod2025_lsoa21_england.csv'));
const CUT_AFTER = 200;

let server: http.Server;
let base = '';
const requests: { url: string; range: string | undefined }[] = [];
let failFirst = true;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    requests.push({ url: request.url ?? '', range: request.headers.range });
    if (request.url === '/broken.csv') {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('server error');
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      response.writeHead(206, {
        'content-length': String(BODY.length - start),
        'content-range': `bytes ${start}-${BODY.length - 1}/${BODY.length}`,
      });
      response.end(BODY.subarray(start));
      return;
    }
    response.writeHead(200, { 'content-length': String(BODY.length) });
    if (failFirst) {
      // Send part of the file, then drop the connection, as a flaky network would.
      failFirst = false;
      response.write(BODY.subarray(0, CUT_AFTER), () => setTimeout(() => request.socket.destroy(), 50));
      return;
    }
    response.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function manifestFor(file: string): SourceManifest {
  return {
    sources: [
      {
        id: 'iod2025',
        name: 'test file',
        publisher: 'test',
        licence: 'OGL',
        paths: ['iod2025/file.csv'],
        required: true,
        columns: [],
        download: { kind: 'file', url: `${base}/${file}`, path: 'iod2025/file.csv' },
      },
    ],
  };
}

describe('downloads into data/cache', () => {
  it('resumes an interrupted download with a Range request and completes it byte for byte', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-download-'));
    const messages: string[] = [];
    await expect(downloadAll(manifestFor('file.csv'), cache, (m) => messages.push(m))).rejects.toThrow();
    const part = path.join(cache, 'iod2025', 'file.csv.part');
    expect(fs.statSync(part).size).toBe(CUT_AFTER);

    await downloadAll(manifestFor('file.csv'), cache, (m) => messages.push(m));
    const target = path.join(cache, 'iod2025', 'file.csv');
    expect(fs.readFileSync(target).equals(BODY)).toBe(true);
    expect(fs.existsSync(part)).toBe(false);
    expect(requests.at(-1)?.range).toBe(`bytes=${CUT_AFTER}-`);
    expect(messages.some((m) => /downloaded/.test(m))).toBe(true);

    // Already complete: nothing is fetched again.
    const before = requests.length;
    await downloadAll(manifestFor('file.csv'), cache, (m) => messages.push(m));
    expect(requests.length).toBe(before);
    expect(messages.at(-1)).toMatch(/cached/);
  });

  it('names the address and the status when the server fails', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-download-'));
    await expect(downloadAll(manifestFor('broken.csv'), cache, () => {})).rejects.toThrow(/broken\.csv answered 500/);
  });
});
