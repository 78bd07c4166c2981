// Typo-tolerant search over area names and codes. Pure: callers build the entries (from whatever
// files they have) and act on the hits.

type SearchKind = 'region' | 'county' | 'lad' | 'ward' | 'msoa' | 'lsoa';

export interface SearchEntry {
  kind: SearchKind;
  /** Index into the caller's table for that kind. */
  index: number;
  /** What is matched and shown, e.g. "Old Trafford" or "E01000001". */
  label: string;
  /** Second line, e.g. "MSOA in Trafford". */
  detail: string;
  /** Codes match exactly or by prefix only: a code one digit off is a different place. */
  fuzzy: boolean;
}

export interface SearchHit {
  entry: SearchEntry;
  /** Lower is better: exact, prefix, word prefix, all words, substring, then typo matches. */
  rank: number;
}

export interface SearchIndex {
  entries: readonly SearchEntry[];
  normalised: readonly string[];
}

/** Broad areas first when two names match equally well: "Trafford" the borough before its LSOAs. */
const KIND_ORDER: Record<SearchKind, number> = { region: 0, county: 1, lad: 2, ward: 3, msoa: 4, lsoa: 5 };

const Rank = { exact: 0, prefix: 1, wordPrefix: 2, allWords: 3, substring: 4, typo: 5 } as const;

/** Lower case, accents and punctuation gone, "&" read as "and", so "St. Helen's" finds "st helens". */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function createSearchIndex(entries: readonly SearchEntry[]): SearchIndex {
  return { entries, normalised: entries.map((entry) => normalise(entry.label)) };
}

/** Typos forgiven grow with the query: none for short words, where one edit makes another word. */
export function allowedTypos(queryLength: number): number {
  if (queryLength < 4) return 0;
  return queryLength < 8 ? 1 : 2;
}

/**
 * Fewest edits (insert, delete, substitute, swap two neighbours) turning `query` into some prefix
 * of `text`, or `limit + 1` if that is over `limit`. A prefix, because the user is still typing.
 */
export function prefixEditDistance(query: string, text: string, limit: number): number {
  const m = query.length;
  const n = Math.min(text.length, m + limit);
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= n; j++) {
      const cost = query[i - 1] === text[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && query[i - 1] === text[j - 2] && query[i - 2] === text[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(limit + 1, ...previous);
}

interface Query {
  text: string;
  /** " text": finds the query at a word start inside a name. */
  spaced: string;
  words: readonly string[];
}

function matchRank(query: Query, text: string, fuzzy: boolean): number | null {
  const q = query.text;
  if (text === q) return Rank.exact;
  if (text.startsWith(q)) return Rank.prefix;
  if (text.includes(query.spaced)) return Rank.wordPrefix;
  if (query.words.length > 1 && query.words.every((w) => text.includes(w))) {
    const words = text.split(' ');
    if (query.words.every((w) => words.some((word) => word.startsWith(w)))) return Rank.allWords;
  }
  if (q.length >= 3 && text.includes(q)) return Rank.substring;
  const limit = fuzzy ? allowedTypos(q.length) : 0;
  if (limit === 0) return null;
  // Try the query against the text from each word start. Typos in a first letter are rare, and
  // requiring it keeps a keystroke's work small over ~90,000 names.
  let best = limit + 1;
  let start = 0;
  while (start >= 0) {
    if (text[start] === q[0]) best = Math.min(best, prefixEditDistance(q, text.slice(start), limit));
    const space = text.indexOf(' ', start);
    start = space < 0 ? -1 : space + 1;
  }
  return best <= limit ? Rank.typo + best - 1 : null;
}

/**
 * The best `limit` entries for `query`, best first: by match quality, then broader areas first,
 * then shorter names, then alphabetically. One hit per area, however many of its names match.
 */
export function search(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  const text = normalise(query);
  if (text === '') return [];
  const prepared: Query = { text, spaced: ` ${text}`, words: text.split(' ') };
  // Typo matches rank below every other kind of match, so when the exact kinds already fill the
  // list the slower typo pass cannot change it.
  let hits = collectHits(index, prepared, false);
  if (hits.length < limit) hits = collectHits(index, prepared, true);
  return hits.sort(compareHits).slice(0, limit);
}

function collectHits(index: SearchIndex, query: Query, allowTypos: boolean): SearchHit[] {
  // Keyed by kind and index as one number: a string key per hit is measurably slower here.
  const best = new Map<number, SearchHit>();
  index.entries.forEach((entry, i) => {
    const rank = matchRank(query, index.normalised[i] ?? '', allowTypos && entry.fuzzy);
    if (rank === null) return;
    const key = entry.index * 8 + KIND_ORDER[entry.kind];
    const previous = best.get(key);
    if (!previous || rank < previous.rank) best.set(key, { entry, rank });
  });
  return [...best.values()];
}

function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    a.rank - b.rank ||
    KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
    a.entry.label.length - b.entry.label.length ||
    a.entry.label.localeCompare(b.entry.label, 'en-GB')
  );
}
