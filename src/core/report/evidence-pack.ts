// The evidence pack: one A4 PDF of a coverage summary for a scope or target area, pure (figures
// and geometry in, PDF bytes out), so the worker and the CLI (`gapmap report`) make the same file.
// Pages: 1 title (and, before any figure, what the data cannot answer); 2 the map; 3 the headline,
// decile table and reach chart; 4 £ per head and the concentration curve; 5 the top gaps; 6 the
// schemes counted, the rule and gap definition in words, the data and its licences. Text is real
// text (selectable, searchable); the headline's figures are also in the document's keywords.

import { areaWideWords } from '../area-wide-words';
import { ATTRIBUTION, LICENCE, OGL_URL } from '../attribution';
import { describeRule, RULE_DESCRIPTIONS, type CoverageRule } from '../coverage-rule';
import type { CoverageSummary } from '../coverage-summary-types';
import { decileRange, formatGbp, formatGbpPerHead, formatKm, formatPercent, GAP_DEFINITION_NAMES, headlineSentence } from '../coverage-words';
import { formatCount } from '../legend';
import { curveChart, perHeadChart, reachChart } from './charts';
import { drawMap, type MapInput } from './map-page';
import { A4, CONTENT_WIDTH, MARGIN, PdfKit } from './pdf-kit';
import { schemesSection, type SchemeCounts } from './schemes-section';

// The worker loads this module alone when a pack is first asked for: one chunk with pdf-lib.
export { schemesByFunder } from './schemes-section';
import { table } from './table';

/** How many gap LSOAs the pack lists (most deprived first); the count says how many there are. */
export const PACK_GAP_ROWS = 30;

export interface EvidencePackInput {
  /** The scope's or target area's name: "Trafford". */
  place: string;
  isEngland: boolean;
  /** The day the pack is made, yyyy-mm-dd. */
  date: string;
  /** The indicator's decile heading: "IMD 2025 decile". */
  indicatorHeading: string;
  /** "Census 2021 usual residents" (the manifest's wording). */
  populationSource: string;
  /** When the data was built (the manifest's builtAt). */
  dataBuiltAt: string;
  rule: CoverageRule;
  summary: CoverageSummary;
  schemes: SchemeCounts;
  /** Per gap of summary.gaps (at least the first PACK_GAP_ROWS): code, name and ward. */
  gapNames: (lsoa: number) => { code: string; name: string; ward: string };
  /** A district's, county's or region's name by code. */
  areaName: (code: string) => string;
  map: Omit<MapInput, 'gaps'>;
}

/** "8 December 2026". */
function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "Touches the LSOA" → "touches the LSOA"; "LSOAs in …" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** The headline as the app's dashboard words it. */
function packHeadline(input: Pick<EvidencePackInput, 'summary' | 'place' | 'isEngland'>): string {
  const wide = input.summary.areaWide;
  return headlineSentence(
    input.summary.headline,
    { name: input.place, isEngland: input.isEngland },
    { areaWideApart: wide?.mode === 'separate' && wide.inScope.count > 0 },
  );
}

/** What is recorded only for a whole area, in the dashboard's words; null when nothing is. */
function areaWideText(input: EvidencePackInput): string | null {
  const wide = input.summary.areaWide;
  if (!wide) return null;
  const words = areaWideWords(wide, input.schemes.byKind, input.place, input.areaName);
  return [words.lead, words.rest, words.outside].filter(Boolean).join(' ');
}

function titlePage(kit: PdfKit, input: EvidencePackInput, note: string | null): void {
  kit.y = A4.height - 200;
  kit.paragraph(input.place, { size: 30, bold: true }, { after: 10 });
  kit.paragraph('Evidence pack', { size: 20 }, { after: 24 });
  kit.paragraph(`Who the schemes reach and who they miss, by ${input.indicatorHeading}.`, { size: 12 }, { after: 8 });
  kit.paragraph(longDate(input.date), { size: 12 }, { after: 40 });
  if (note) {
    kit.paragraph('Read first', { size: 11, bold: true }, { after: 4 });
    kit.paragraph(note, { size: 10 }, { after: 20 });
  }
  kit.textAt('GapMap', MARGIN, MARGIN + 40, { size: 14, bold: true });
  kit.textAt('Made with GapMap from open data (sources and licences on the last page).', MARGIN, MARGIN + 20, { size: 8 });
}

function mapPage(kit: PdfKit, input: EvidencePackInput): void {
  kit.newPage();
  kit.heading(`${input.place}: LSOAs by ${input.indicatorHeading}`);
  const { definition, gapDecile } = input.summary.headline;
  kit.paragraph(
    `Each LSOA in ${input.place} filled by its ${input.indicatorHeading}. Outlined in red, the gaps (${decileRange(gapDecile)} as most deprived): ${lowerFirst(GAP_DEFINITION_NAMES[definition].hint)}`,
    { size: 9 },
  );
  const height = kit.y - MARGIN - 60;
  drawMap(
    kit,
    { ...input.map, gaps: input.summary.gaps.map((gap) => gap.index) },
    { x: MARGIN, y: MARGIN + 60, width: CONTENT_WIDTH, height },
    input.indicatorHeading,
  );
}

function headlinePage(kit: PdfKit, input: EvidencePackInput, note: string | null, headline: string): void {
  kit.newPage();
  kit.heading('Headline');
  if (note) kit.paragraph(note, { size: 9, bold: true });
  kit.paragraph(headline, { size: 13, bold: true }, { after: 8 });
  kit.paragraph(
    `Deprivation: ${input.indicatorHeading}s (IoD2025), ${decileRange(input.summary.headline.gapDecile)} as most deprived. People: ${input.populationSource}. Rule: ${lowerFirst(describeRule(input.rule))}. Schemes: ${formatCount(input.schemes.used)} of ${formatCount(input.schemes.read)} used.`,
    { size: 8.5 },
    { after: 12 },
  );
  kit.paragraph(`Reach by ${input.indicatorHeading}, ${input.place}`, { size: 10, bold: true }, { after: 4 });
  const rows = input.summary.deciles;
  const total = rows.reduce(
    (sum, row) => ({
      lsoas: sum.lsoas + row.lsoas,
      people: sum.people + row.people,
      cl: sum.cl + row.coveredLsoas,
      cp: sum.cp + row.coveredPeople,
      gbp: sum.gbp + row.allocatedGbp,
    }),
    { lsoas: 0, people: 0, cl: 0, cp: 0, gbp: 0 },
  );
  // Schemes that give no amounts have no money to show: £0 columns would read as "nothing was spent".
  const money = input.schemes.amountGbp > 0;
  table(
    kit,
    [
      { label: 'Decile', width: 0.06 },
      { label: 'LSOAs', width: 0.07, number: true },
      { label: 'People', width: 0.1, number: true },
      { label: 'Covered LSOAs', width: 0.13, number: true },
      { label: 'Covered people', width: 0.135, number: true },
      { label: 'Share of LSOAs', width: 0.135, number: true },
      { label: 'Share of people', width: 0.14, number: true },
      ...(money
        ? [
            { label: 'Allocated', width: 0.1, number: true },
            { label: '£ per head', width: 0.1, number: true },
          ]
        : []),
    ],
    rows.map((row) => [
      String(row.decile),
      formatCount(row.lsoas),
      formatCount(row.people),
      formatCount(row.coveredLsoas),
      formatCount(row.coveredPeople),
      formatPercent(row.shareLsoasCovered),
      formatPercent(row.sharePeopleCovered),
      ...(money ? [formatGbp(row.allocatedGbp), formatGbpPerHead(row.gbpPerHead)] : []),
    ]),
    {
      footer: [
        'All',
        formatCount(total.lsoas),
        formatCount(total.people),
        formatCount(total.cl),
        formatCount(total.cp),
        formatPercent(total.lsoas > 0 ? total.cl / total.lsoas : null),
        formatPercent(total.people > 0 ? total.cp / total.people : null),
        ...(money ? [formatGbp(total.gbp), formatGbpPerHead(total.people > 0 ? total.gbp / total.people : null)] : []),
      ],
    },
  );
  reachChart(kit, rows, input.place, input.indicatorHeading);
}

function moneyPage(kit: PdfKit, input: EvidencePackInput): void {
  kit.newPage();
  kit.heading('Where the money lands');
  const { fairness, deciles } = input.summary;
  if (!(fairness.allocatedGbp > 0 && deciles.some((row) => row.people > 0))) {
    kit.paragraph(
      input.schemes.amountGbp === 0
        ? `No scheme gives an amount (an amount_gbp property), so no money is allocated and there is no chart of £ per head or of how the money follows deprivation.`
        : `No money is allocated in ${input.place}, so there is no chart of £ per head or of how the money follows deprivation.`,
    );
    return;
  }
  kit.paragraph(
    `${formatGbp(fairness.allocatedGbp)} allocated to ${input.place}'s LSOAs, each scheme's amount shared over the LSOAs it reaches in proportion to population.`,
    { size: 9 },
    { after: 10 },
  );
  perHeadChart(kit, deciles, input.place, input.indicatorHeading);
  if (fairness.concentrationCurve && fairness.concentrationIndex !== null)
    curveChart(kit, fairness.concentrationCurve, fairness.concentrationIndex, input.place);
}

function gapsPage(kit: PdfKit, input: EvidencePackInput): void {
  kit.newPage();
  const { gaps, headline } = input.summary;
  const definition = GAP_DEFINITION_NAMES[headline.definition];
  kit.heading(`Gaps: ${definition.label.toLowerCase()}`);
  kit.paragraph(
    `${formatCount(gaps.length)} gap ${gaps.length === 1 ? 'LSOA' : 'LSOAs'} in ${decileRange(headline.gapDecile)} (${formatCount(headline.gapPeople)} people)${gaps.length > PACK_GAP_ROWS ? `; the ${PACK_GAP_ROWS} most deprived are listed` : ''}. Distance: km to the nearest scheme counted.`,
    { size: 9 },
    { after: 8 },
  );
  if (gaps.length === 0) return;
  table(
    kit,
    [
      { label: 'LSOA', width: 0.16 },
      { label: 'Name', width: 0.24 },
      { label: 'Ward', width: 0.26 },
      { label: 'People', width: 0.1, number: true },
      { label: 'Decile', width: 0.1, number: true },
      { label: 'Km', width: 0.14, number: true },
    ],
    gaps.slice(0, PACK_GAP_ROWS).map((gap) => {
      const names = input.gapNames(gap.index);
      return [names.code, names.name, names.ward, formatCount(gap.people), String(gap.decile), formatKm(gap.nearestKm)];
    }),
  );
}

function aboutPage(kit: PdfKit, input: EvidencePackInput): void {
  kit.newPage();
  schemesSection(kit, input.schemes);
  kit.heading('The rule and the gaps, in words', 12);
  kit.paragraph(`Rule: ${describeRule(input.rule)}. ${RULE_DESCRIPTIONS[input.rule.kind]}`, { size: 9 });
  const definition = GAP_DEFINITION_NAMES[input.summary.headline.definition];
  kit.paragraph(
    `Gaps: ${definition.label}. ${definition.hint} Most deprived: ${decileRange(input.summary.headline.gapDecile)} of the ${input.indicatorHeading}.`,
    { size: 9 },
    { after: 12 },
  );
  kit.heading('Data, licences and vintage', 12);
  kit.paragraph(`${ATTRIBUTION} ${LICENCE}: ${OGL_URL}`, { size: 9 });
  kit.paragraph(
    `Deprivation: English Indices of Deprivation 2025 (MHCLG), LSOA 2021 geography. People: ${input.populationSource}. Boundaries: ONS LSOA 2021 (generalised to the street, BGC). Data built ${input.dataBuiltAt.slice(0, 10)}. Pack made ${longDate(input.date)}.`,
    { size: 9 },
  );
}

/** The evidence pack's bytes. */
export async function evidencePackPdf(input: EvidencePackInput): Promise<Uint8Array> {
  const kit = await PdfKit.create();
  const note = areaWideText(input);
  const headline = packHeadline(input);
  kit.doc.setTitle(kit.clean(`${input.place}: evidence pack`));
  kit.doc.setAuthor('GapMap');
  kit.doc.setCreator('GapMap');
  kit.doc.setProducer('GapMap (pdf-lib)');
  kit.doc.setSubject(kit.clean(headline));
  const h = input.summary.headline;
  kit.doc.setKeywords([
    `people_uncovered=${h.peopleUncovered}`,
    `people=${h.people}`,
    `gap_lsoas=${h.gapLsoas}`,
    `gap_people=${h.gapPeople}`,
    `lsoas=${h.lsoas}`,
  ]);
  const made = new Date(`${input.date}T12:00:00Z`);
  kit.doc.setCreationDate(made);
  kit.doc.setModificationDate(made);
  titlePage(kit, input, note);
  mapPage(kit, input);
  headlinePage(kit, input, note, headline);
  moneyPage(kit, input);
  gapsPage(kit, input);
  aboutPage(kit, input);
  return kit.doc.save({ useObjectStreams: false });
}
