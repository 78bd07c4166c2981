import { ATTRIBUTION, OGL_NAME, OGL_URL } from '../core/attribution';

/** Required by the Open Government Licence; always visible, in a strip below the map. */
export function Attribution() {
  return (
    <footer class="attribution">
      <p>
        {ATTRIBUTION}{' '}
        <a href={OGL_URL} target="_blank" rel="noopener noreferrer">
          {OGL_NAME}
        </a>
        .
      </p>
    </footer>
  );
}
