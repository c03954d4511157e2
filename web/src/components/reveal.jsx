// reveal.jsx - 查看完整信息 on a person's page (issue 13): the page shows
// the ID number and phone masked and the birth year only; a staff member
// who needs a value in full chooses the fields, types a reason and gets them
// from POST /people/{id}/reveal, which checks the role and writes the audit
// entry (the reason and the fields, never the values).
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { formatDate, t } from '../i18n/index.js';
import { errorsFrom, Field, FormError } from './form.jsx';

const FIELDS = ['id_number', 'phone', 'birth_date'];

export function Reveal({ personId }) {
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState(['phone']);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(null);

  const toggle = (f) => setFields(fields.includes(f) ? fields.filter((x) => x !== f) : [...fields, f]);
  const submit = async (e) => {
    e.preventDefault();
    if (fields.length === 0) return setErrors({ fields: t('pii.reveal.pick_one') });
    if (!reason.trim()) return setErrors({ reason: t('error.required') });
    setBusy(true);
    setErrors({});
    try {
      setShown(await post(`/people/${personId}/reveal`, { fields: FIELDS.filter((f) => fields.includes(f)), reason: reason.trim() }));
    } catch (err) {
      setErrors(errorsFrom(err, ['fields', 'reason'], { forbidden: 'pii.reveal.forbidden' }));
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" class="btn" data-testid="reveal-open" onClick={() => setOpen(true)}>
        {t('pii.reveal.open')}
      </button>
    );
  if (shown)
    return (
      <div class="reveal" data-testid="reveal-values">
        <dl class="facts">
          {FIELDS.filter((f) => f in shown).map((f) => (
            <Fragment key={f}>
              <dt>{t('pii.reveal.field.' + f)}</dt>
              <dd class="mono" data-field={f}>
                {shown[f] ? (f === 'birth_date' ? formatDate(shown[f]) : shown[f]) : t('pii.reveal.none')}
              </dd>
            </Fragment>
          ))}
        </dl>
        <p class="muted small">{t('pii.reveal.logged')}</p>
        <button type="button" class="btn btn-quiet" onClick={() => (setShown(null), setOpen(false), setReason(''))}>
          {t('pii.reveal.close')}
        </button>
      </div>
    );
  return (
    <form class="reveal stack" onSubmit={submit} data-testid="reveal-form" noValidate>
      <h3>{t('pii.reveal.title')}</h3>
      <FormError text={errors._form} />
      <fieldset class={'field misc-fieldset' + (errors.fields ? ' field-invalid' : '')}>
        <legend>{t('pii.reveal.fields')}</legend>
        {FIELDS.map((f) => (
          <label key={f} class="check">
            <input type="checkbox" name={f} checked={fields.includes(f)} onChange={() => toggle(f)} /> {t('pii.reveal.field.' + f)}
          </label>
        ))}
        {errors.fields && (
          <p class="error" data-field="fields" role="alert">
            {errors.fields}
          </p>
        )}
      </fieldset>
      <Field name="reason" label={t('pii.reveal.reason')} hint={t('pii.reveal.reason_hint')} error={errors.reason} value={reason} onInput={setReason} maxLength={500} />
      <div class="row">
        <button class="btn btn-primary" type="submit" disabled={busy}>
          {t('pii.reveal.submit')}
        </button>
        <button type="button" class="btn btn-quiet" onClick={() => setOpen(false)}>
          {t('pii.reveal.close')}
        </button>
      </div>
    </form>
  );
}
