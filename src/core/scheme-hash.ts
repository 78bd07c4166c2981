// A short key for a set of schemes (64-bit FNV-1a of their JSON): equal inputs give equal keys, so
// runs are cached by it and datasets can be told apart without comparing every scheme.

import type { Scheme } from './scheme';

export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

export function hashSchemes(schemes: readonly Scheme[]): string {
  return hashText(JSON.stringify(schemes));
}
