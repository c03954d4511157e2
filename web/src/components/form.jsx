// form.jsx - labelled fields and the API's errors shown where they belong.
//
// A form keeps `errors` as {field: text}; errorsFrom() turns an ApiError into
// that shape: an error naming a field of this form goes next to it, any other
// goes to the form's top (key "_form"). Messages come from the catalog by
// error code (a form may give its own key for a code), with the API's own
// message added when it says more.
import { t, tMaybe, getLocale } from '../i18n/index.js';

export function errorText(err, overrides = {}) {
  const key = overrides[err.code] || 'error.' + err.code;
  const local = tMaybe(key) || t('error.unknown');
  if (!err.message || getLocale() === 'en' || err.status === 0) return local;
  return `${local}（${err.message}）`;
}

export function errorsFrom(err, fields, overrides) {
  const text = errorText(err, overrides);
  if (err.field && fields.includes(err.field)) return { [err.field]: text };
  return { _form: text };
}

/** aria-describedby of control `id`: its hint and its error, if any. */
export function describedBy(id, hint, error) {
  return [hint && id + '-hint', error && id + '-err'].filter(Boolean).join(' ') || undefined;
}

/** The frame of every form control: its label, then the control, its hint
 * and the API's error next to it (the fields' ids are 'f-' + name unless
 * given). */
export function FieldWrap({ id, name, label, hint, hintTestid, error, children }) {
  return (
    <div class={'field' + (error ? ' field-invalid' : '')}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={id + '-hint'} data-testid={hintTestid}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={id + '-err'} data-field={name} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Field({ name, label, error, hint, type = 'text', value, onInput, ...rest }) {
  const id = 'f-' + name;
  return (
    <FieldWrap id={id} name={name} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </FieldWrap>
  );
}

export function FormError({ text }) {
  return text ? (
    <p class="error form-error" role="alert" data-field="_form">
      {text}
    </p>
  ) : null;
}
