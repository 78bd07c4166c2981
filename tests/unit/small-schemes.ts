// A small hand-made scheme the store, scheme-store and workspace tests share: one route of two
// points in Trafford with a 400 m buffer.

import type { Scheme } from '../../src/core/scheme';

export const route: Scheme = {
  id: 'r1',
  name: 'Route 1',
  kind: 'transport',
  footprint: {
    type: 'line',
    lines: [
      [
        [-2.3, 53.4],
        [-2.31, 53.41],
      ],
    ],
    bufferM: 400,
  },
};
