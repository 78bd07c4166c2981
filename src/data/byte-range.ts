// HTTP range requests answered from a whole stored file, as a static server answers them: the
// offline copy stores the PMTiles archive whole (src/data/offline.ts) and the service worker cuts
// each range the map asks for out of it.

/**
 * The answer to `Range: bytes=a-b` (or `a-`, or the last `-n` bytes) from the whole file: 206 with
 * Content-Range, or 416 when the range starts past the end. No header, or one this does not read
 * (several ranges, other units), gets the whole file, which a server may also do.
 */
export async function rangeResponse(rangeHeader: string | null, whole: Response): Promise<Response> {
  const match = rangeHeader ? /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return whole;
  const blob = await whole.blob();
  const size = blob.size;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
  }
  const headers = new Headers(whole.headers);
  headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  headers.set('Content-Length', String(end - start + 1));
  return new Response(blob.slice(start, end + 1), { status: 206, statusText: 'Partial Content', headers });
}
