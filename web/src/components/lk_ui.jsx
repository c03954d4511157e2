// lk_ui.jsx - pieces the issue-15 forms share: a labelled select whose API
// error sits next to it (as form.jsx's Field does for inputs), and the
// field that names a social worker for a piece of work (a client's worker,
// a professional activity's lead, a worker's supervisor), each worker shown
// with the qualification the rules compare; and a row's action with its
// busy state and error (useRun).
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { describedBy, errorText, FieldWrap } from './form.jsx';

/** One action of a row (save, reset, remove): `run(fn)` awaits fn and then
 * onDone, keeping `busy` while it runs and the API's error as `error`. */
export function useRun(onDone) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (fn) => {
    setBusy(true);
    setError('');
    try {
      await fn();
      await onDone();
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(false);
  };
  return { busy, error, setError, run };
}

export function SelectField({ name, label, value, onInput, options, error, hint, disabled, placeholder }) {
  const id = 'f-' + name;
  return (
    <FieldWrap id={id} name={name} label={label} hint={hint} hintTestid={name + '-hint'} error={error}>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        onChange={(e) => onInput(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldWrap>
  );
}

/** "王芳（社会工作师）": a social worker with the qualification the rules
 * compare (the name alone when the qualification is not known). */
export const workerLabel = (s) => (s.qualification ? t('lk.sw_option', { name: s.name, qual: t('misc.qual.' + s.qualification) }) : s.name);

/** Options for a select of social workers, but `except`. */
export const workerOptions = (workers, except) => workers.filter((s) => s.id !== except).map((s) => ({ value: String(s.id), label: workerLabel(s) }));
