// rec_records.jsx - records that hold up (issue 12). The volunteer's own
// records with their status and flags, a request for correction and its
// answer, and their awards and evaluations (/my/records); the organisers' records to verify, with the flags a
// verifier must see and the optional extension, evaluation and person in
// charge (/records/verify), several at once (one request each, every
// record's result listed, issue 18); and the open corrections of their orgs, refused
// with a reason or resolved by voiding and recording again
// (/records/corrections).
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, formatHours, formatRange, t } from '../i18n/index.js';
import { useSession } from '../session.js';
import { pending, useLoad } from '../components/ui.jsx';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { myVolunteer } from '../volunteer.js';
import { BulkBar, runEach } from '../components/table.jsx';

const FLAGS = ['outside_window', 'manual', 'extended'];

/** The flags a verifier must see, as tags. */
export function Flags({ r }) {
  const on = FLAGS.filter((f) => r[f]);
  if (!on.length) return null;
  return (
    <span class="rec-flags" data-testid={'flags-' + r.id}>
      {on.map((f) => (
        <span key={f} class="misc-tag" data-flag={f}>
          {t('rec.flag.' + f)}
        </span>
      ))}
    </span>
  );
}

function RecordLine({ r }) {
  return (
    <div class="list-main">
      <strong>{r.content}</strong>
      <span>{formatRange(r.starts_at, r.ends_at)}</span>
      <span>
        {formatHours(r.hours)} · <span data-testid={'status-' + r.id}>{t('rec.status.' + r.status)}</span>
      </span>
      {r.person_in_charge && <span class="muted">{t('rec.person_in_charge')}：{r.person_in_charge}</span>}
      {r.recorder_name && <span class="muted">{t('rec.recorder')}：{r.recorder_name}</span>}
      {r.extension_reason && <span class="muted">{t('rec.extension_reason')}：{r.extension_reason}</span>}
      <Flags r={r} />
    </div>
  );
}

/** A form of text fields posting to `path`; `done` after success. */
function ActionForm({ testid, path, fields, submit, done, cancel }) {
  const [f, setF] = useState({});
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const names = fields.map((x) => x.name);
  const send = async (e) => {
    e.preventDefault();
    setBusy(true);
    const body = {};
    for (const x of fields) {
      const v = (f[x.name] || '').trim();
      if (v) body[x.name] = x.type === 'number' ? Number(v) : v;
    }
    try {
      await post(path, body);
      setErrors({});
      done();
    } catch (err) {
      setErrors(errorsFrom(err, names));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack" data-testid={testid} onSubmit={send} noValidate>
      <FormError text={errors._form} />
      {fields.map((x) => (
        <Field
          key={x.name}
          name={x.name}
          label={x.label}
          hint={x.hint}
          type={x.type === 'number' ? 'number' : 'text'}
          step={x.type === 'number' ? '0.01' : undefined}
          value={f[x.name] || ''}
          error={errors[x.name]}
          onInput={(v) => setF({ ...f, [x.name]: v })}
        />
      ))}
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {submit}
        </button>
        <button type="button" class="btn" onClick={cancel}>
          {t('rec.cancel')}
        </button>
      </div>
    </form>
  );
}

function CorrectionLine({ c }) {
  return (
    <li class="list-item" data-correction={c.id}>
      <div class="list-main">
        <span>
          {t('rec.correction_of', { id: c.record_id })} · <strong data-testid={'correction-status-' + c.id}>{t('rec.cstatus.' + c.status)}</strong>
        </span>
        <span>{t('rec.reason')}：{c.reason}</span>
        {c.answer && (
          <span data-testid={'correction-answer-' + c.id}>
            {t('rec.answer')}：{c.answer}
          </span>
        )}
        <span class="muted small">{formatDateTime(c.answered_at || c.created_at)}</span>
      </div>
    </li>
  );
}

export function MyRecords() {
  const { user } = useSession();
  const [asking, setAsking] = useState(null);
  const [state, , load] = useLoad(async () => {
    const v = await myVolunteer(user);
    if (!v) return { none: true };
    const [recs, corr, honors] = await Promise.all([
      get(`/service-records?volunteer_id=${v.id}&limit=200`),
      get(`/corrections?volunteer_id=${v.id}&limit=200`),
      get(`/volunteers/${v.id}/honors?limit=200`),
    ]);
    return { records: recs.items.reverse(), corrections: corr.items.reverse(), honors: honors.items.reverse() };
  });
  const wait = pending(state, load);
  if (wait) return wait;
  if (state.none) return <p class="card">{t('volunteer.none')}</p>;
  const open = new Set(state.corrections.filter((c) => c.status === 'open').map((c) => c.record_id));
  return (
    <div class="stack">
      <h1>{t('rec.my.title')}</h1>
      <section class="card" aria-labelledby="h-my-records">
        <h2 id="h-my-records">{t('rec.my.records')}</h2>
        {state.records.length === 0 ? (
          <p class="muted">{t('rec.my.none')}</p>
        ) : (
          <ul class="list" data-testid="my-records">
            {state.records.map((r) => (
              <li key={r.id} class="list-item" data-record={r.id}>
                <RecordLine r={r} />
                {r.status !== 'voided' && !open.has(r.id) && asking !== r.id && (
                  <button type="button" class="btn" onClick={() => setAsking(r.id)}>
                    {t('rec.my.ask')}
                  </button>
                )}
                {open.has(r.id) && <span class="muted">{t('rec.my.asked')}</span>}
                {asking === r.id && (
                  <ActionForm
                    testid="ask-form"
                    path={`/service-records/${r.id}/corrections`}
                    fields={[{ name: 'reason', label: t('rec.my.why'), hint: t('rec.my.why_hint') }]}
                    submit={t('rec.my.send')}
                    cancel={() => setAsking(null)}
                    done={() => {
                      setAsking(null);
                      load(true);
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="h-my-honors">
        <h2 id="h-my-honors">{t('rec.my.honors')}</h2>
        {state.honors.length === 0 ? (
          <p class="muted">{t('rec.my.no_honors')}</p>
        ) : (
          <ul class="list" data-testid="my-honors">
            {state.honors.map((h) => (
              <li key={h.id} class="list-item" data-honor={h.id}>
                <div class="list-main">
                  <strong>{h.title}</strong>
                  <span>
                    {t('rec.honor.' + h.kind)}
                    {h.level ? ' · ' + h.level : ''} · {h.issuer} · {h.awarded_on}
                  </span>
                  {h.note && <span class="muted">{h.note}</span>}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="h-my-corrections">
        <h2 id="h-my-corrections">{t('rec.my.corrections')}</h2>
        {state.corrections.length === 0 ? (
          <p class="muted">{t('rec.my.no_corrections')}</p>
        ) : (
          <ul class="list" data-testid="my-corrections">
            {state.corrections.map((c) => (
              <CorrectionLine key={c.id} c={c} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function VerifyRecords() {
  const [open, setOpen] = useState(null);
  const [picked, setPicked] = useState(new Set());
  const [results, setResults] = useState(null);
  const [busy, setBusy] = useState(false);
  const [state, , load] = useLoad(async () => ({ records: (await get('/service-records?status=recorded&limit=200')).items }));
  const wait = pending(state, load);
  if (wait) return wait;
  const nameOf = (r) => `${r.content}（${formatRange(r.starts_at, r.ends_at)}）`;
  const allOn = state.records.length > 0 && state.records.every((r) => picked.has(r.id));
  const toggle = (id) => {
    const n = new Set(picked);
    n.has(id) ? n.delete(id) : n.add(id);
    setPicked(n);
  };
  // one verify each, in turn, with the records' own rules: those refused
  // are listed with the API's reason, the others stay verified (issue 18)
  const verifyPicked = async () => {
    setBusy(true);
    const chosen = state.records.filter((r) => picked.has(r.id));
    const done = await runEach(chosen, (r) => post(`/service-records/${r.id}/verify`, {}));
    setResults(done);
    setPicked(new Set(done.filter((x) => !x.ok).map((x) => x.item.id)));
    setBusy(false);
    load(true);
  };
  return (
    <div class="stack">
      <h1>{t('rec.verify.title')}</h1>
      <p class="muted">{t('rec.verify.intro')}</p>
      {(state.records.length > 0 || results) && (
        <BulkBar count={picked.size} results={results} nameOf={nameOf}>
          <label class="row" style={{ gap: '.4rem', margin: 0 }}>
            <input type="checkbox" checked={allOn} onChange={() => setPicked(allOn ? new Set() : new Set(state.records.map((r) => r.id)))} data-testid="select-all" />
            {t('forms.select_all_n', { n: state.records.length })}
          </label>
          <button type="button" class="btn btn-primary" disabled={busy || picked.size === 0} onClick={verifyPicked} data-testid="bulk-verify">
            {busy ? t('forms.bulk_running') : t('forms.bulk_verify')}
          </button>
        </BulkBar>
      )}
      {state.records.length === 0 ? (
        <p class="card muted">{t('rec.verify.none')}</p>
      ) : (
        <ul class="list card" data-testid="to-verify">
          {state.records.map((r) => (
            <li key={r.id} class="list-item" data-record={r.id}>
              <input type="checkbox" checked={picked.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('forms.select_row', { name: nameOf(r) })} style={{ width: '1.25rem', height: '1.25rem', flex: 'none' }} />
              <RecordLine r={r} />
              {open !== r.id ? (
                <button type="button" class="btn" onClick={() => setOpen(r.id)}>
                  {t('rec.verify.open')}
                </button>
              ) : (
                <ActionForm
                  testid="verify-form"
                  path={`/service-records/${r.id}/verify`}
                  fields={[
                    { name: 'hours', label: t('rec.verify.hours'), hint: t('rec.verify.hours_hint'), type: 'number' },
                    { name: 'reason', label: t('rec.verify.reason') },
                    { name: 'evaluation', label: t('rec.verify.evaluation') },
                    ...(r.person_in_charge ? [] : [{ name: 'person_in_charge', label: t('rec.person_in_charge') }]),
                  ]}
                  submit={t('rec.verify.submit')}
                  cancel={() => setOpen(null)}
                  done={() => {
                    setOpen(null);
                    load(true);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Corrections() {
  const [open, setOpen] = useState(null); // {id, how: 'refuse' | 'resolve'}
  const [state, , load] = useLoad(async () => {
    const items = (await get('/corrections?status=open&limit=200')).items;
    const recs = await Promise.all(items.map((c) => get('/service-records/' + c.record_id)));
    return { items: items.map((c, i) => ({ ...c, record: recs[i] })) };
  });
  const wait = pending(state, load);
  if (wait) return wait;
  const done = () => {
    setOpen(null);
    load(true);
  };
  return (
    <div class="stack">
      <h1>{t('rec.corr.title')}</h1>
      {state.items.length === 0 ? (
        <p class="card muted">{t('rec.corr.none')}</p>
      ) : (
        <ul class="list card" data-testid="open-corrections">
          {state.items.map((c) => (
            <li key={c.id} class="list-item" data-correction={c.id}>
              <RecordLine r={c.record} />
              <p>
                {t('rec.reason')}：<strong>{c.reason}</strong>
              </p>
              {open?.id !== c.id ? (
                <div class="row">
                  <button type="button" class="btn" onClick={() => setOpen({ id: c.id, how: 'resolve' })}>
                    {t('rec.corr.resolve')}
                  </button>
                  <button type="button" class="btn" onClick={() => setOpen({ id: c.id, how: 'refuse' })}>
                    {t('rec.corr.refuse')}
                  </button>
                </div>
              ) : open.how === 'refuse' ? (
                <ActionForm
                  testid="refuse-form"
                  path={`/corrections/${c.id}/refuse`}
                  fields={[{ name: 'reason', label: t('rec.corr.refuse_reason') }]}
                  submit={t('rec.corr.refuse')}
                  cancel={() => setOpen(null)}
                  done={done}
                />
              ) : (
                <ActionForm
                  testid="resolve-form"
                  path={`/corrections/${c.id}/resolve`}
                  fields={[
                    { name: 'hours', label: t('rec.corr.hours'), hint: t('rec.corr.hours_hint'), type: 'number' },
                    { name: 'content', label: t('rec.corr.content') },
                    { name: 'answer', label: t('rec.corr.answer') },
                  ]}
                  submit={t('rec.corr.resolve_submit')}
                  cancel={() => setOpen(null)}
                  done={done}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
