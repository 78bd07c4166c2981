const OGL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** Required by the Open Government Licence; always visible, in a strip below the map. */
export function Attribution() {
  return (
    <footer class="attribution">
      <p>
        Contains MHCLG data (English Indices of Deprivation 2025), ONS data (LSOA 2021 boundaries, lookups, Census 2021) and OS data © Crown copyright and
        database right 2025.{' '}
        <a href={OGL} target="_blank" rel="noopener noreferrer">
          Open Government Licence v3.0
        </a>
        .
      </p>
    </footer>
  );
}
