// Themes a scheme can be tagged with: the 12 missions of the Levelling Up White Paper (HM
// Government, February 2022, "Levelling Up the United Kingdom", chapter 3) built in, and a
// council's own list alongside. Tags are plain text on the scheme, so imported themes keep theirs.

export const LEVELLING_UP_MISSIONS = [
  'Mission 1: Living standards',
  'Mission 2: Research and development',
  'Mission 3: Transport infrastructure',
  'Mission 4: Digital connectivity',
  'Mission 5: Education',
  'Mission 6: Skills',
  'Mission 7: Health',
  'Mission 8: Well-being',
  'Mission 9: Pride in place',
  'Mission 10: Housing',
  'Mission 11: Crime',
  'Mission 12: Local leadership',
] as const;

/** The council's own themes from text, one a line: trimmed, blanks and repeats dropped, at most 100 characters each. */
export function parseThemeList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const theme = line.trim().slice(0, 100);
    if (theme !== '') seen.add(theme);
  }
  return [...seen];
}

/** Every theme offered when tagging: the missions, then the council's own (any already a mission left out). */
export function themeChoices(own: readonly string[]): string[] {
  const missions: readonly string[] = LEVELLING_UP_MISSIONS;
  return [...missions, ...own.filter((theme) => !missions.includes(theme))];
}
