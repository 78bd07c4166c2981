// What counts: when a scheme reaches an LSOA (the coverage rule), and which LSOAs are gaps (the
// most deprived deciles, and the gap definition).

import './coverage.css';
import { useState } from 'preact/hooks';
import { RULE_DESCRIPTIONS, RULE_NAMES, formatSharePercent, type CoverageRule } from '../core/coverage-rule';
import { GAP_DEFINITIONS } from '../core/gap-definition';
import { legendTitle } from '../core/legend';
import { decileRange, GAP_DEFINITION_NAMES, readSharePercent } from './coverage-format';
import { useAppState, useAppStore } from './use-store';

export function RuleChoice() {
  const store = useAppStore();
  const rule = useAppState((state) => state.coverage.rule);
  const [percentText, setPercentText] = useState(rule.kind === 'share' ? formatSharePercent(rule.share) : '50');
  const [percentError, setPercentError] = useState<string | null>(null);
  const choose = (next: CoverageRule) => store.getState().setCoverageRule(next);
  const applyPercent = (text: string, select: boolean) => {
    const read = readSharePercent(text);
    if (!read.ok) {
      setPercentError(read.message);
      return;
    }
    setPercentError(null);
    setPercentText(formatSharePercent(read.share));
    if (select || store.getState().coverage.rule.kind === 'share') choose({ kind: 'share', share: read.share });
  };
  const kinds: CoverageRule['kind'][] = ['intersects', 'centroid', 'share'];
  return (
    <fieldset class="coverage-section rules">
      <legend>
        <h3>When does a scheme reach an LSOA?</h3>
      </legend>
      {kinds.map((kind) => (
        <div class="radio" key={kind}>
          <input
            type="radio"
            id={`rule-${kind}`}
            name="coverage-rule"
            value={kind}
            checked={rule.kind === kind}
            aria-describedby={`rule-${kind}-hint`}
            onChange={() => (kind === 'share' ? applyPercent(percentText, true) : choose({ kind }))}
          />
          <label for={`rule-${kind}`}>{RULE_NAMES[kind]}</label>
          <p class="hint" id={`rule-${kind}-hint`}>
            {RULE_DESCRIPTIONS[kind]}
          </p>
          {kind === 'share' && (
            <div class={percentError ? 'share-input form-group-error' : 'share-input'}>
              <label for="rule-share-percent">At least</label>
              <input
                id="rule-share-percent"
                class="input input-short"
                inputMode="decimal"
                value={percentText}
                aria-describedby={percentError ? 'rule-share-error' : undefined}
                aria-invalid={percentError ? true : undefined}
                onInput={(event) => setPercentText(event.currentTarget.value)}
                onChange={(event) => applyPercent(event.currentTarget.value, false)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') applyPercent(event.currentTarget.value, true);
                }}
              />
              <span>% of the LSOA’s area</span>
              {percentError && (
                <p class="error-text" id="rule-share-error">
                  {percentError}
                </p>
              )}
            </div>
          )}
        </div>
      ))}
    </fieldset>
  );
}

export function GapDecileChoice() {
  const store = useAppStore();
  const gapDecile = useAppState((state) => state.coverage.gapDecile);
  const gapDefinition = useAppState((state) => state.coverage.gapDefinition);
  const indicator = useAppState((state) => state.indicator);
  return (
    <div class="coverage-section">
      <label class="label" for="gap-decile">
        Most deprived means
      </label>
      <select id="gap-decile" class="select" value={String(gapDecile)} onChange={(event) => store.getState().setGapDecile(Number(event.currentTarget.value))}>
        {Array.from({ length: 10 }, (_, i) => i + 1).map((d) => (
          <option key={d} value={String(d)}>
            {decileRange(d)} ({d === 10 ? 'all LSOAs' : `most deprived ${d * 10}%`})
          </option>
        ))}
      </select>
      <p class="hint">{legendTitle(indicator).heading}s, as the map shows.</p>
      <fieldset class="gap-definition">
        <legend class="label">Gaps are the LSOAs in these deciles that</legend>
        {GAP_DEFINITIONS.map((definition) => (
          <div class="radio" key={definition}>
            <input
              type="radio"
              id={`gaps-${definition}`}
              name="gap-definition"
              value={definition}
              checked={gapDefinition === definition}
              aria-describedby={`gaps-${definition}-hint`}
              onChange={() => store.getState().setGapDefinition(definition)}
            />
            <label for={`gaps-${definition}`}>{GAP_DEFINITION_NAMES[definition].label.toLowerCase()}</label>
            <p class="hint" id={`gaps-${definition}-hint`}>
              {GAP_DEFINITION_NAMES[definition].hint}
            </p>
          </div>
        ))}
      </fieldset>
    </div>
  );
}
