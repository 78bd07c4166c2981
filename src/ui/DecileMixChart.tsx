// A target area's people by decile (the selected area's figures).

import { useId } from 'preact/hooks';
import { DECILE_COLOURS } from '../theme';
import { formatCount } from '../core/legend';
import { ChartFigure, decileFrame, DecileAxes, DecileHeader, INK, NoValue } from './chart-parts';
import { niceTicks } from './coverage-charts-model';
import { formatPercent } from './coverage-format';

/** People per decile as bars in the deciles' colours, each labelled, with its table. */
export function DecileMixChart({ peopleByDecile, place, heading }: { peopleByDecile: readonly number[]; place: string; heading: string }) {
  const id = useId();
  const ids = { title: `${id}-title`, desc: `${id}-desc` };
  const total = peopleByDecile.reduce((sum, people) => sum + people, 0);
  const ticks = niceTicks(Math.max(...peopleByDecile, 1));
  const labels = ticks.map((t) => formatCount(t));
  const frame = decileFrame(labels);
  const { bottom, top } = frame;
  const max = ticks.at(-1)!;
  const pad = 4;
  const title = `People by ${heading}, ${place}`;
  const largest = peopleByDecile.reduce((best, people, k) => (people > (peopleByDecile[best] ?? 0) ? k : best), 0);
  const caption =
    total === 0
      ? `Nobody lives in ${place}.`
      : `${formatCount(total)} people; most live in decile ${largest + 1} (${formatCount(peopleByDecile[largest] ?? 0)}, ${formatPercent((peopleByDecile[largest] ?? 0) / total)}).`;
  return (
    <ChartFigure
      title={title}
      caption={caption}
      ids={ids}
      height={frame.height}
      svg={
        <>
          <DecileAxes frame={frame} ticks={ticks} labels={labels} label="People" />
          {peopleByDecile.map((people, k) => {
            const h = (people / max) * (bottom - top);
            return people > 0 ? (
              <rect
                key={k}
                x={frame.x(k + 1) + pad}
                y={bottom - h}
                width={frame.group - 2 * pad}
                height={h}
                fill={DECILE_COLOURS[k]}
                stroke={INK}
                stroke-width={0.5}
              />
            ) : (
              <NoValue key={k} frame={frame} decile={k + 1} />
            );
          })}
        </>
      }
      table={
        <table class="decile-table">
          <thead>
            <tr>
              <th scope="col">Decile</th>
              <th scope="col">People</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {peopleByDecile.map((people, k) => (
              <tr key={k}>
                <DecileHeader decile={k + 1} />
                <td>{formatCount(people)}</td>
                <td>{total > 0 ? formatPercent(people / total) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
