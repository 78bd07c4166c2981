// The attribution the Open Government Licence asks for, in one place: the app's footer and every
// picture or print of the map carry the same words.

export const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

export const ATTRIBUTION =
  'Contains MHCLG data (English Indices of Deprivation 2025), ONS data (LSOA 2021 boundaries, lookups, Census 2021) and OS data © Crown copyright and database right 2025.';

export const LICENCE = 'Open Government Licence v3.0';
