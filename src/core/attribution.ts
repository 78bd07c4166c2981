// What the Open Government Licence asks to be said wherever GapMap's data is shown, in one place:
// the app's strip below the map (src/ui/Attribution.tsx), every picture or print of the map, and
// the evidence pack (src/core/report) carry the same words.

export const ATTRIBUTION =
  'Contains MHCLG data (English Indices of Deprivation 2025), ONS data (LSOA 2021 boundaries, lookups, Census 2021) and OS data © Crown copyright and database right 2025.';

export const LICENCE = 'Open Government Licence v3.0';
export const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';
