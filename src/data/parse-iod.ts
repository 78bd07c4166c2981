import { INDICATOR_KEYS, type IndicatorKey } from '../core/indicators';
import { parseCsv, resolveColumns } from './csv';
import { iodColumnSpecs, type IodColumnKey } from './iod-columns';
import { ProblemList, type Result } from './problems';

export const LSOA21_CODE = /^E01\d{6}$/;

/** LSOAs (2021) in England: IoD2025 ranks run 1..this whatever subset of rows a file holds. */
const ENGLAND_LSOA21_COUNT = 33_755;

interface IndicatorValues {
  score?: number;
  rank: number;
  decile: number;
}

export interface IodRow {
  code: string;
  name?: string;
  ladCode?: string;
  population?: number;
  values: Partial<Record<IndicatorKey, IndicatorValues>>;
}

export interface IodTable {
  rows: IodRow[];
  /** Indicators that had both a rank and a decile column. */
  indicators: IndicatorKey[];
  hasPopulation: boolean;
}

function parseInteger(text: string): number | undefined {
  const cleaned = text.trim().replace(/,/g, '');
  if (!/^-?\d+$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

function parseNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(/,/g, '');
  if (cleaned === '') return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Reads an IoD table at LSOA 2021 level (official File 7/File 3 headers or renamed ones) and
 * validates every row: code format and uniqueness, deciles in 1..10, ranks in 1..N (N = the LSOAs in England, or the rows if more),
 * scores numeric, population a non-negative integer.
 */
export function parseIodTable(text: string, file: string, required: readonly IndicatorKey[]): Result<IodTable> {
  const csv = parseCsv(text, file);
  if (!csv.ok) return csv;
  const columns = resolveColumns(csv.value.headers, iodColumnSpecs(required), file);
  if (!columns.ok) return columns;
  const col = columns.value;
  const headers = csv.value.headers;
  const indicators = INDICATOR_KEYS.filter((k) => col[`${k}:rank`] !== undefined && col[`${k}:decile`] !== undefined);
  // Ranks are national, so a file holding a subset of England (one district, say) keeps them.
  const maxRank = Math.max(csv.value.rows.length, ENGLAND_LSOA21_COUNT);
  const problems = new ProblemList(file);
  const seen = new Map<string, number>();
  const rows: IodRow[] = [];

  const cell = (row: string[], key: IodColumnKey): string | undefined => {
    const index = col[key];
    return index === undefined ? undefined : (row[index] ?? '');
  };

  csv.value.rows.forEach((cells, i) => {
    const rowNumber = i + 1;
    const code = (cell(cells, 'code') ?? '').trim();
    const codeHeader = headers[col.code ?? 0];
    if (!LSOA21_CODE.test(code)) {
      problems.add('a malformed LSOA code', {
        row: rowNumber,
        column: codeHeader,
        value: code,
        message: `'${code}' is not an LSOA 2021 code (E01 followed by 6 digits).`,
      });
      return;
    }
    const firstRow = seen.get(code);
    if (firstRow !== undefined) {
      problems.add('a duplicate LSOA code', {
        row: rowNumber,
        column: codeHeader,
        value: code,
        message: `${code} appears again (first on row ${firstRow}); each LSOA must appear once.`,
      });
      return;
    }
    seen.set(code, rowNumber);

    const row: IodRow = { code, values: {} };
    const name = cell(cells, 'name');
    if (name !== undefined) row.name = name.trim();
    const ladCode = cell(cells, 'ladCode');
    if (ladCode !== undefined) row.ladCode = ladCode.trim();
    const populationText = cell(cells, 'population');
    if (populationText !== undefined) {
      const population = parseInteger(populationText);
      if (population === undefined || population < 0) {
        problems.add('a bad population', {
          row: rowNumber,
          column: headers[col.population ?? 0],
          value: populationText,
          message: `Population '${populationText}' is not a whole number of people.`,
        });
      } else {
        row.population = population;
      }
    }

    for (const key of indicators) {
      const rankText = cell(cells, `${key}:rank`) ?? '';
      const decileText = cell(cells, `${key}:decile`) ?? '';
      const rank = parseInteger(rankText);
      const decile = parseInteger(decileText);
      if (decile === undefined || decile < 1 || decile > 10) {
        problems.add('a decile outside 1..10', {
          row: rowNumber,
          column: headers[col[`${key}:decile`] ?? 0],
          value: decileText,
          message: `Decile '${decileText}' for ${code} is outside 1..10 (1 = most deprived).`,
        });
        continue;
      }
      if (rank === undefined || rank < 1 || rank > maxRank) {
        problems.add('a rank outside 1..N', {
          row: rowNumber,
          column: headers[col[`${key}:rank`] ?? 0],
          value: rankText,
          message: `Rank '${rankText}' for ${code} is outside 1..${maxRank.toLocaleString('en-GB')} (the number of LSOAs ranked in England).`,
        });
        continue;
      }
      const values: IndicatorValues = { rank, decile };
      const scoreText = cell(cells, `${key}:score`);
      if (scoreText !== undefined) {
        const score = parseNumber(scoreText);
        if (score === undefined) {
          problems.add('a non-numeric score', {
            row: rowNumber,
            column: headers[col[`${key}:score`] ?? 0],
            value: scoreText,
            message: `Score '${scoreText}' for ${code} is not a number.`,
          });
          continue;
        }
        values.score = score;
      }
      row.values[key] = values;
    }
    rows.push(row);
  });

  if (!problems.isEmpty) return { ok: false, problems: problems.toArray() };
  return { ok: true, value: { rows, indicators, hasPopulation: col.population !== undefined }, problems: [] };
}
