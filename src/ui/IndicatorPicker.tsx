import { DOMAIN_KEYS, INDICATORS, isIndicatorKey, type IndicatorKey } from '../core/indicators';
import { useAppState, useAppStore } from './use-store';

const SUPPLEMENTARY: readonly IndicatorKey[] = ['idaci', 'idaopi'];

/** A native select: keyboard, screen reader and touch behaviour come for free. */
export function IndicatorPicker() {
  const store = useAppStore();
  const indicator = useAppState((state) => state.indicator);
  const available = useAppState((state) => state.manifest.indicators);
  const group = (label: string, keys: readonly IndicatorKey[]) => {
    const present = keys.filter((key) => available.includes(key));
    return (
      present.length > 0 && (
        <optgroup label={label}>
          {present.map((key) => (
            <option key={key} value={key}>
              {key === 'imd' ? 'Index of Multiple Deprivation (IMD)' : INDICATORS[key].label}
            </option>
          ))}
        </optgroup>
      )
    );
  };
  return (
    <div class="field indicator">
      <label for="indicator" class="field-label">
        Indicator
      </label>
      <select
        id="indicator"
        value={indicator}
        onChange={(event) => {
          const key = event.currentTarget.value;
          if (isIndicatorKey(key)) store.getState().setIndicator(key);
        }}
      >
        {group('Overall', ['imd'])}
        {group('Domains', DOMAIN_KEYS)}
        {group('Supplementary indices', SUPPLEMENTARY)}
      </select>
    </div>
  );
}
