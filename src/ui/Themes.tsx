import './Themes.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatCount } from '../core/legend';
import { LEVELLING_UP_MISSIONS, parseThemeList } from '../core/themes';
import { useAppState, useAppStore } from './use-store';

/**
 * Themes: the 12 Levelling Up missions (built in) and the council's own list (editable, saved),
 * offered when tagging a scheme; how many schemes shown carry each theme. Filter by theme under
 * "Filter schemes".
 */
export function Themes() {
  const store = useAppStore();
  const own = useAppState((state) => state.coverage.themes);
  const datasets = useAppState((state) => state.coverage.datasets);
  const [draft, setDraft] = useState(own.join('\n'));
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(own.join('\n')), [own]);
  const tally = useMemo(() => {
    const counts = new Map<string, number>();
    for (const d of datasets) if (d.visible) for (const [theme, n] of d.stats.themes ?? []) counts.set(theme, (counts.get(theme) ?? 0) + n);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en-GB'));
  }, [datasets]);

  return (
    <details class="coverage-section themes">
      <summary>
        <h3>Themes</h3>
      </summary>
      <p class="hint">
        Tag a scheme with a theme in its form (the map popup’s Edit). Built in: the 12 missions of the Levelling Up White Paper (2022). Add your council’s own
        below; they are saved in this browser and go with an exported workspace.
      </p>
      {tally.length > 0 ? (
        <table class="data-table">
          <caption>Schemes shown, by theme</caption>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              <th scope="col" class="number">
                Schemes
              </th>
            </tr>
          </thead>
          <tbody>
            {tally.map(([theme, n]) => (
              <tr key={theme}>
                <th scope="row">{theme}</th>
                <td class="number">{formatCount(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="hint">No scheme shown has a theme yet.</p>
      )}
      <details class="missions">
        <summary>The 12 Levelling Up missions</summary>
        <ol>
          {LEVELLING_UP_MISSIONS.map((mission) => (
            <li key={mission}>{mission.replace(/^Mission \d+: /, '')}</li>
          ))}
        </ol>
      </details>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          store.getState().setThemes(parseThemeList(draft));
          setSaved(true);
        }}
      >
        <label class="label" for="own-themes">
          Your council’s themes, one a line
        </label>
        <textarea
          id="own-themes"
          class="input theme-list"
          rows={4}
          value={draft}
          onInput={(event) => {
            setDraft(event.currentTarget.value);
            setSaved(false);
          }}
        />
        <div class="button-row">
          <button type="submit" class="button-secondary button-small">
            Save themes
          </button>
          {saved && (
            <span class="hint" role="status">
              Saved: {formatCount(own.length)} {own.length === 1 ? 'theme' : 'themes'}.
            </span>
          )}
        </div>
      </form>
    </details>
  );
}
