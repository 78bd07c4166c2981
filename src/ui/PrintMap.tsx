// The map on paper: printing hides the live map (a WebGL canvas prints blank or stale in some
// browsers) and shows this picture of it instead, taken just before the page is printed.

import { useContext, useEffect, useRef } from 'preact/hooks';
import { MapPicturesContext } from './map-pictures';

export function PrintMap() {
  const pictures = useContext(MapPicturesContext);
  const image = useRef<HTMLImageElement>(null);
  useEffect(() => {
    if (!pictures) return;
    const take = () => {
      const url = pictures.snapshot();
      if (url && image.current) image.current.src = url;
    };
    // `beforeprint` for Ctrl+P; the print media query as well, for browsers (and tests) that only switch media.
    const print = window.matchMedia('print');
    const onChange = (event: MediaQueryListEvent) => {
      if (event.matches) take();
    };
    window.addEventListener('beforeprint', take);
    print.addEventListener('change', onChange);
    return () => {
      window.removeEventListener('beforeprint', take);
      print.removeEventListener('change', onChange);
    };
  }, [pictures]);
  return <img ref={image} class="print-map" alt="The map as shown on screen" />;
}
