import './SchemeForm.css';
import { useMemo, useState } from 'preact/hooks';
import { SCHEME_KINDS, type Scheme } from '../core/scheme';
import { themeChoices } from '../core/themes';
import { formFieldsOf, reachLabel, schemeFromForm, type SchemeFormField, type SchemeFormFields } from '../data/scheme-form';
import type { SchemeEditing } from '../state/slices/scheme-editing';
import { SCHEME_KIND_LABELS } from '../core/scheme';
import { useModal } from './use-modal';
import { useAppState, useAppStore } from './use-store';

/**
 * The form for a scheme drawn on the map (new) or opened from its popup (changed): name, kind,
 * amount, funder, theme, dates and reach. Checked as a whole on Save; each field says what to fix.
 * Nothing changes until Save; Cancel or Esc leaves the workspace as it was.
 */
export function SchemeForm() {
  const store = useAppStore();
  const editing = useAppState((state) => state.coverage.editing);
  const dialog = useModal(editing.kind === 'form');

  return (
    <dialog
      ref={dialog}
      class="dialog scheme-form"
      aria-labelledby="scheme-form-heading"
      onCancel={(event) => {
        event.preventDefault();
        store.getState().closeSchemeForm();
      }}
    >
      {editing.kind === 'form' && <FormBody key={editing.scheme.id} editing={editing} />}
    </dialog>
  );
}

function FormBody({ editing }: { editing: Extract<SchemeEditing, { kind: 'form' }> }) {
  const store = useAppStore();
  const [fields, setFields] = useState<SchemeFormFields>(() => formFieldsOf(editing.scheme));
  const [errors, setErrors] = useState<Partial<Record<SchemeFormField, string>>>({});
  const reach = reachLabel(editing.scheme.footprint);
  const own = useAppState((state) => state.coverage.themes);
  const choices = useMemo(() => themeChoices(own), [own]);
  const shape = describeShape(editing.scheme);

  const save = (event: Event) => {
    event.preventDefault();
    const read = schemeFromForm(editing.scheme, fields);
    if (!read.ok) {
      setErrors(read.errors);
      // Focus the first field to fix, as GOV.UK forms do.
      const first = Object.keys(read.errors)[0];
      if (first) document.getElementById(`scheme-${first}`)?.focus();
      return;
    }
    setErrors({});
    void store.getState().saveScheme(read.scheme);
  };

  const field = (name: SchemeFormField, label: string, props: Record<string, string> = {}) => (
    <div class={errors[name] ? 'form-group form-group-error' : 'form-group'}>
      <label class="label" for={`scheme-${name}`}>
        {label}
      </label>
      {errors[name] && (
        <p class="error-text" id={`scheme-${name}-error`}>
          {errors[name]}
        </p>
      )}
      <input
        id={`scheme-${name}`}
        class="input"
        value={fields[name]}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={errors[name] ? `scheme-${name}-error` : undefined}
        onInput={(event) => setFields({ ...fields, [name]: event.currentTarget.value })}
        {...props}
      />
    </div>
  );

  return (
    <form onSubmit={save} noValidate>
      <h2 id="scheme-form-heading">{editing.isNew ? 'New scheme' : `Edit ${editing.scheme.name}`}</h2>
      <p class="hint">{shape}</p>
      {Object.keys(errors).length > 0 && (
        <div class="error-summary" role="alert">
          <h4>Check the fields marked below</h4>
        </div>
      )}
      {field('name', 'Name')}
      <div class="form-group">
        <label class="label" for="scheme-kind">
          Kind
        </label>
        <select id="scheme-kind" class="select" value={fields.kind} onChange={(event) => setFields({ ...fields, kind: event.currentTarget.value })}>
          {SCHEME_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {SCHEME_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      {reach && field('reachM', reach, { inputmode: 'numeric' })}
      {field('amount', 'Amount (£, optional)', { inputmode: 'decimal', placeholder: 'e.g. 12,500' })}
      {field('funder', 'Funder (optional)')}
      {field('theme', 'Theme (optional; a Levelling Up mission or your own)', { list: 'theme-choices' })}
      <datalist id="theme-choices">
        {choices.map((theme) => (
          <option key={theme} value={theme} />
        ))}
      </datalist>
      <div class="form-row">
        {field('start', 'Starts (optional)', { type: 'date' })}
        {field('end', 'Ends (optional)', { type: 'date' })}
      </div>
      <div class="checkbox">
        <input
          type="checkbox"
          id="scheme-proposed"
          checked={fields.proposed}
          onChange={(event) => setFields({ ...fields, proposed: event.currentTarget.checked })}
        />
        <label for="scheme-proposed">Proposed, not yet funded</label>
        <span class="hint">Kept out of the current figures; the what-if shows what it would change.</span>
      </div>
      {editing.error && (
        <p class="warning-text" role="alert">
          {editing.error}
        </p>
      )}
      <div class="button-row">
        <button type="submit" class="button" disabled={editing.saving}>
          {editing.isNew ? 'Add scheme' : 'Save changes'}
        </button>
        <button type="button" class="button-secondary" onClick={() => store.getState().closeSchemeForm()}>
          Cancel
        </button>
        {!editing.isNew && (
          <button type="button" class="button-secondary" disabled={editing.saving} onClick={() => void store.getState().removeScheme()}>
            Remove scheme
          </button>
        )}
      </div>
    </form>
  );
}

function describeShape(scheme: Scheme): string {
  const footprint = scheme.footprint;
  switch (footprint.type) {
    case 'point':
      return `A point at ${footprint.point[1].toFixed(5)}, ${footprint.point[0].toFixed(5)}.`;
    case 'line': {
      const points = footprint.lines.reduce((sum, line) => sum + line.length, 0);
      return `A route of ${points.toLocaleString('en-GB')} points.`;
    }
    case 'polygon':
      return 'An area drawn as a shape.';
    case 'areas': {
      // An area of LSOAs can name hundreds: the first few say what it is.
      const codes = footprint.areas.map((area) => area.code);
      const more = codes.length > 5 ? `, and ${(codes.length - 5).toLocaleString('en-GB')} more` : '';
      return `Named areas (${codes.length.toLocaleString('en-GB')}): ${codes.slice(0, 5).join(', ')}${more}.`;
    }
  }
}
