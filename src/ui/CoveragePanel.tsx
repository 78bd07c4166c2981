// The coverage tab, one section a file: SchemesFile (datasets, files, workspace), SchemeFilters,
// Themes, RuleChoice (rule and gap decile), RunStatus, CoverageResults, MapKey, CoverageProblems.

import './coverage.css';
import { useEffect } from 'preact/hooks';
import { CoverageProblems } from './CoverageProblems';
import { CoverageResults } from './CoverageResults';
import { MapKey } from './MapKey';
import { GapDecileChoice, RuleChoice } from './RuleChoice';
import { RunStatus } from './RunStatus';
import { SchemeFilters } from './SchemeFilters';
import { SchemesFile } from './SchemesFile';
import { Themes } from './Themes';
import { useAppStore } from './use-store';

/** The coverage tab: open schemes, choose the rule, read who they reach and who they miss. */
export function CoveragePanel() {
  const store = useAppStore();
  useEffect(() => store.getState().loadDetails(), [store]);
  return (
    <div class="panel-body coverage">
      <h2 class="panel-heading">Coverage</h2>
      <p class="hint">Which LSOAs your schemes reach, and who in the most deprived areas they miss.</p>
      <SchemesFile />
      <SchemeFilters />
      <Themes />
      <RuleChoice />
      <GapDecileChoice />
      <RunStatus />
      <CoverageResults />
      <MapKey />
      <CoverageProblems />
    </div>
  );
}
