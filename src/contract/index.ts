// What the page and the coverage worker exchange: plain data (typed arrays where large), so
// everything crosses the worker boundary as is, grouped by subject; and the worker's calls as the
// page sees them (client.ts), derived from the worker's own functions.

export * from './areas';
export * from './client';
export * from './imports';
export * from './reports';
export * from './runs';
export * from './schemes';
export * from './workspace';
export * from './worker-stopped';
