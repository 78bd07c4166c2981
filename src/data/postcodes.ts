// Postcodes → place and LSOA, from the data step's postcode index (OS Code-Point Open, English
// postcodes): one small JSON shard per outward code (the part before the space, e.g. "M1",
// "WA14"), loaded on demand, so looking up one postcode in the search box fetches a few kB and an
// import of 100k rows fetches only the districts it names.

/** One outward code's postcodes, as the data step writes them. */
export interface PostcodeShard {
  version: 1;
  outward: string;
  /** Inward codes ("1AD"), sorted; the same order as lon, lat and lsoa. */
  inward: string[];
  /** Postcode centroids in 1e-5 degrees (integers). */
  lon: number[];
  lat: number[];
  /** LSOA index (position in AttributesFile.codes) of each postcode. */
  lsoa: number[];
}

/** The index file next to the shards: which outward codes exist. */
export interface PostcodeDirectory {
  version: 1;
  count: number;
  outwards: string[];
  /** Where the postcodes come from, for attribution. */
  source: string;
}

export const POSTCODE_DIRECTORY_FILE = 'index.json';
export const POSTCODE_SCALE = 1e5;

export interface Postcode {
  /** "M1 1AD": upper case, one space. */
  postcode: string;
  outward: string;
  inward: string;
}

/** A UK postcode in any spacing and case → its standard form; null when it is not shaped like one. */
export function normalisePostcode(text: string): Postcode | null {
  const compact = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const match = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/.exec(compact);
  if (!match) return null;
  const [, outward, inward] = match as unknown as [string, string, string];
  return { postcode: `${outward} ${inward}`, outward, inward };
}

/** Postcode areas wholly outside England (Scotland, Wales, Northern Ireland, Crown dependencies). */
const NOT_ENGLAND: Record<string, string> = {
  AB: 'Scotland',
  DD: 'Scotland',
  DG: 'Scotland',
  EH: 'Scotland',
  FK: 'Scotland',
  G: 'Scotland',
  HS: 'Scotland',
  IV: 'Scotland',
  KA: 'Scotland',
  KW: 'Scotland',
  KY: 'Scotland',
  ML: 'Scotland',
  PA: 'Scotland',
  PH: 'Scotland',
  ZE: 'Scotland',
  CF: 'Wales',
  LD: 'Wales',
  LL: 'Wales',
  NP: 'Wales',
  SA: 'Wales',
  BT: 'Northern Ireland',
  GY: 'Guernsey',
  JE: 'Jersey',
  IM: 'the Isle of Man',
};

/** Why a well-formed postcode is missing from the English index: outside England, or not (or no longer) in use. */
export function missingPostcodeReason(postcode: Postcode, releaseNote: string): string {
  const area = /^[A-Z]+/.exec(postcode.outward)![0];
  const country = NOT_ENGLAND[area];
  if (country) return `postcode ${postcode.postcode} is in ${country}; GapMap covers England only`;
  return `postcode ${postcode.postcode} is not in ${releaseNote}: it may be mistyped, retired, or outside England`;
}

export interface PostcodePlace {
  lon: number;
  lat: number;
  lsoa: number;
}

/** Fetches one shard (null when the outward code has none). */
export type ShardLoader = (outward: string) => Promise<PostcodeShard | null>;

/**
 * Shards fetched as needed and kept. `prepare` fetches the shards a batch of postcodes needs
 * (at most `parallel` at a time); `find` then answers synchronously.
 */
export class PostcodeIndex {
  private readonly shards = new Map<string, PostcodeShard | null>();
  private readonly known: Set<string>;

  constructor(
    directory: PostcodeDirectory,
    private readonly load: ShardLoader,
  ) {
    this.known = new Set(directory.outwards);
    this.releaseNote = directory.source;
  }

  readonly releaseNote: string;

  async prepare(outwards: Iterable<string>, parallel = 6): Promise<void> {
    const wanted = [...new Set(outwards)].filter((outward) => this.known.has(outward) && !this.shards.has(outward));
    let next = 0;
    const worker = async () => {
      while (next < wanted.length) {
        const outward = wanted[next++]!;
        this.shards.set(outward, await this.load(outward));
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, wanted.length) }, worker));
  }

  /** The place of a prepared postcode; undefined when it is not in the index. */
  find(postcode: Postcode): PostcodePlace | undefined {
    const shard = this.shards.get(postcode.outward);
    if (!shard) return undefined;
    let lo = 0;
    let hi = shard.inward.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = shard.inward[mid]!;
      if (at === postcode.inward) return { lon: shard.lon[mid]! / POSTCODE_SCALE, lat: shard.lat[mid]! / POSTCODE_SCALE, lsoa: shard.lsoa[mid]! };
      if (at < postcode.inward) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** One postcode, fetching its shard if need be. */
  async lookup(text: string): Promise<{ postcode: Postcode; place: PostcodePlace } | { postcode: Postcode | null; reason: string }> {
    const postcode = normalisePostcode(text);
    if (!postcode) return { postcode: null, reason: `'${text}' is not shaped like a UK postcode (e.g. M1 1AD)` };
    await this.prepare([postcode.outward]);
    const place = this.find(postcode);
    return place ? { postcode, place } : { postcode, reason: missingPostcodeReason(postcode, this.releaseNote) };
  }
}
