// wd_holidays.jsx - the holiday calendar for platform admins: one year's
// days (GET /calendar?year=, ?year= in the address), holidays and make-up
// working days (调休上班) as the State Council's notice set them, and a form
// to add or change a day (PUT /calendar/{date}) or remove one (DELETE).
// Checked here as the API checks it (a date, a kind, a name of 1-50
// characters); the API's own error is shown next to the field it names.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { currentYear, formatDate, t } from '../i18n/index.js';
import { navigate, queryParam } from '../router.jsx';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { pending, useLoad } from '../components/ui.jsx';

const FIELDS = ['date', 'kind', 'name'];
const NAME_MAX = 50;
const YEAR_MIN = 2000, YEAR_MAX = 2099;

/** A date "YYYY-MM-DD" at noon China time, for formatting. */
const noon = (date) => date + 'T12:00:00+08:00';

function DayForm({ year, day, onSaved }) {
  const [form, setForm] = useState(day || { date: '', kind: 'holiday', name: '' });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const submit = async (e) => {
    e.preventDefault();
    const name = form.name.trim();
    const local = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) local.date = t('wd.cal.date_needed');
    if (!name) local.name = t('error.required');
    else if ([...name].length > NAME_MAX) local.name = t('wd.cal.name_long', { n: NAME_MAX });
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await api('PUT', '/calendar/' + form.date, { kind: form.kind, name });
      setForm({ date: '', kind: 'holiday', name: '' });
      onSaved(form.date);
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card stack" onSubmit={submit} data-testid="day-form" noValidate>
      <h2>{t('wd.cal.form_title')}</h2>
      <FormError text={errors._form} />
      <Field name="date" type="date" label={t('wd.cal.date')} value={form.date} onInput={set('date')} error={errors.date} />
      <div class={'field' + (errors.kind ? ' field-invalid' : '')}>
        <label for="f-kind">{t('wd.cal.kind')}</label>
        <select id="f-kind" name="kind" value={form.kind} onChange={(e) => set('kind')(e.currentTarget.value)}>
          <option value="holiday">{t('wd.kind.holiday')}</option>
          <option value="workday">{t('wd.kind.workday')}</option>
        </select>
        {errors.kind && (
          <p class="error" data-field="kind" role="alert">
            {errors.kind}
          </p>
        )}
      </div>
      <Field name="name" label={t('wd.cal.name')} value={form.name} onInput={set('name')} error={errors.name} hint={t('wd.cal.name_hint')} />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {t('wd.cal.save')}
      </button>
    </form>
  );
}

export function HolidayCalendar() {
  const asked = Number(queryParam('year'));
  const year = asked >= YEAR_MIN && asked <= YEAR_MAX ? asked : currentYear();
  const [state, , reload] = useLoad(() => get('/calendar?year=' + year), [year]);
  const [note, setNote] = useState('');
  const [edit, setEdit] = useState(null);
  const go = (y) => navigate('/holidays?year=' + y);
  const remove = async (d) => {
    if (!window.confirm(t('wd.cal.confirm_delete', { date: d.date }))) return;
    try {
      await api('DELETE', '/calendar/' + d.date);
      setNote(t('wd.cal.deleted', { date: d.date }));
    } catch (err) {
      setNote(err.message);
    }
    reload(true);
  };
  const saved = (date) => {
    setNote(t('wd.cal.saved', { date }));
    setEdit(null);
    if (date.slice(0, 4) === String(year)) reload(true);
    else go(date.slice(0, 4));
  };
  const wait = pending(state, reload);
  return (
    <section class="stack misc-page">
      <h1>{t('wd.cal.title')}</h1>
      <p class="muted small">{t('wd.cal.intro')}</p>
      <div class="row">
        <button type="button" class="btn btn-quiet" disabled={year <= YEAR_MIN} onClick={() => go(year - 1)}>
          {t('wd.cal.prev_year')}
        </button>
        <strong class="wd-year" data-testid="cal-year">
          {t('wd.cal.year', { year })}
        </strong>
        <button type="button" class="btn btn-quiet" disabled={year >= YEAR_MAX} onClick={() => go(year + 1)}>
          {t('wd.cal.next_year')}
        </button>
      </div>
      {note && (
        <p class="small" role="status" data-testid="cal-note">
          {note}
        </p>
      )}
      <DayForm key={edit ? edit.date : 'new'} year={year} day={edit} onSaved={saved} />
      {wait}
      {state.items && state.items.length === 0 && <p class="card muted">{t('wd.cal.empty', { year })}</p>}
      {state.items && state.items.length > 0 && (
        <div class="card misc-scroll" tabIndex={0}>
          <table class="misc-table" data-testid="cal-days">
            <thead>
              <tr>
                <th scope="col">{t('wd.cal.date')}</th>
                <th scope="col">{t('wd.cal.kind')}</th>
                <th scope="col">{t('wd.cal.name')}</th>
                <th scope="col">
                  <span class="sr-only">{t('wd.cal.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((d) => (
                <tr key={d.date} data-date={d.date} data-kind={d.kind}>
                  <td>{formatDate(noon(d.date))}</td>
                  <td>
                    <span class={'misc-tag wd-' + d.kind}>{t('wd.kind.' + d.kind)}</span>
                  </td>
                  <td>{d.name}</td>
                  <td class="row">
                    <button type="button" class="btn btn-quiet" onClick={() => setEdit(d)}>
                      {t('wd.cal.change')}
                    </button>
                    <button type="button" class="btn btn-quiet" onClick={() => remove(d)}>
                      {t('wd.cal.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
