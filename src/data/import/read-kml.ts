// KML (Google Earth, Google My Maps, QGIS) → a GeoJSON FeatureCollection for the GeoJSON scheme
// reader, through @tmcw/togeojson: Placemarks in any Folder become features, <name> and
// ExtendedData their properties. A KMZ is a zip holding the KML; import-file.ts unzips it.

import { kml } from '@tmcw/togeojson';
import { DOMParser as XmlDomParser, onErrorStopParsing } from '@xmldom/xmldom';
import type { FeatureCollection, Geometry } from 'geojson';

export type KmlRead = { ok: true; collection: FeatureCollection<Geometry | null> } | { ok: false; message: string };

/**
 * The browser's own DOMParser where there is one; imports run in a Web Worker and in Node (the CLI,
 * tests), which have none, so xmldom stands in there, stopping at the first error as a browser's
 * parser does rather than guessing at a damaged file.
 */
function parseXml(text: string) {
  if (typeof DOMParser === 'function') return new DOMParser().parseFromString(text, 'application/xml');
  return new XmlDomParser({ onError: onErrorStopParsing }).parseFromString(text, 'application/xml');
}

/** `label` names the file in messages: the file itself, or a KMZ and the KML inside it. */
export function readKml(text: string, label: string): KmlRead {
  let xml: ReturnType<typeof parseXml>;
  try {
    xml = parseXml(text);
  } catch (error) {
    return { ok: false, message: `${label} is not well-formed XML (${error instanceof Error ? error.message : String(error)}), so it cannot be read as KML.` };
  }
  // A browser's DOMParser does not throw: it returns a document that reports the error.
  const browserError = xml.getElementsByTagName('parsererror')[0];
  if (browserError) return { ok: false, message: `${label} is not well-formed XML (${browserError.textContent?.trim()}), so it cannot be read as KML.` };
  const root = xml.documentElement;
  if (root?.localName !== 'kml') {
    return { ok: false, message: `${label} is XML but not KML: its outermost element is <${root?.nodeName}>, not <kml>.` };
  }
  return { ok: true, collection: kml(xml) };
}
