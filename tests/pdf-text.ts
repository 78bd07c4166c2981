// Reads back what the evidence pack writes (pdf-lib cannot extract text): its pages, and per page
// the text shown (the hex strings of Tj, in WinAnsi) and the path operators drawn. Enough for the
// PDFs GapMap writes (Flate content streams, no object streams, one page tree), not a general PDF
// reader.

import { inflateSync } from 'node:zlib';

/** WinAnsi's bytes 128–159 (0x80–0x9f) that differ from Latin-1. */
const WIN_ANSI: Record<number, string> = { 128: '€', 133: '…', 145: '‘', 146: '’', 147: '“', 148: '”', 149: '•', 150: '–', 151: '—' };

export interface PdfPageRead {
  /** The strings shown, in drawing order. */
  strings: string[];
  /** Path operators: moveTo, lineTo and fills. */
  paths: { moveTo: number; lineTo: number; fills: number };
}

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const byte = Number.parseInt(hex.slice(i, i + 2), 16);
    out += WIN_ANSI[byte] ?? String.fromCharCode(byte);
  }
  return out;
}

/** Each object's text (up to its endobj), by object number. */
function objects(latin: string): Map<number, { start: number; text: string }> {
  const out = new Map<number, { start: number; text: string }>();
  const re = /(\d+) 0 obj\b/g;
  for (let match = re.exec(latin); match; match = re.exec(latin)) {
    const end = latin.indexOf('endobj', match.index);
    out.set(Number(match[1]), { start: match.index, text: latin.slice(match.index, end) });
  }
  return out;
}

/** A stream object's content, inflated when it is Flate. */
function streamOf(bytes: Uint8Array, object: { start: number; text: string }): string {
  const head = /<<([\s\S]*?)>>\s*stream\r?\n/.exec(object.text);
  const length = head ? /\/Length (\d+)/.exec(head[1]!) : null;
  if (!head || !length) return '';
  const start = object.start + head.index + head[0].length;
  const raw = Buffer.from(bytes.subarray(start, start + Number(length[1])));
  return (head[1]!.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
}

/** The pages in order (as the page tree's Kids list them), each with the text and paths of its content streams. */
export function readPdf(bytes: Uint8Array): { pageCount: number; pages: PdfPageRead[]; text: string } {
  const latin = Buffer.from(bytes).toString('latin1');
  const all = objects(latin);
  const tree = [...all.values()].find((object) => /\/Type \/Pages\b/.test(object.text));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(tree?.text ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const pages = kids.map((kid): PdfPageRead => {
    const page = all.get(kid)?.text ?? '';
    const contents = /\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '';
    const content = [...contents.matchAll(/(\d+) 0 R/g)].map((m) => streamOf(bytes, all.get(Number(m[1]))!)).join('\n');
    return {
      strings: [...content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) => decodeHex(m[1]!)),
      paths: { moveTo: (content.match(/ m\n/g) ?? []).length, lineTo: (content.match(/ l\n/g) ?? []).length, fills: (content.match(/\bf\*\n/g) ?? []).length },
    };
  });
  return { pageCount: pages.length, pages, text: pages.map((page) => page.strings.join(' ')).join('\n') };
}
