// proj_sections.jsx - the parts of a project's page (proj_page.jsx) that
// write: expenses posted to the project's fund (recorded in yuan, sent in
// fen; voided with a reason by a reversing entry), evaluations 督导验收
// (stage, scores by criterion with their maximum, findings, documents, the
// decision; recorded by the project's evaluators and the supervisors of
// its org), the evaluators appointed by its staff (and withdrawn), and an
// indicator added after the project was created. Each form shows the
// API's error next to the field it names.
import { useState } from 'preact/hooks';
import { api, post } from '../api.js';
import { formatMoney, formatNumber, t } from '../i18n/index.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { Picker } from '../components/picker.jsx';
import { SelectField, TextAreaField } from '../components/care_ui.jsx';
import { useRun } from '../components/lk_ui.jsx';
import { todayCst } from '../fund_data.js';
import { yuanToFen } from '../fund_money.js';
import { DECISIONS, EVALUATOR_KINDS, LINES, SOURCES, STAGES } from '../proj_data.js';

const MONEY_ERRORS = { insufficient_funds: 'proj.err.insufficient' };

/** A form's values, errors and busy state; `send(fields, fn)` runs fn and
 * puts the API's error next to the field it names (one of `fields`). */
function useForm(init) {
  const [v, setV] = useState(init);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (x) => setV((o) => ({ ...o, [k]: x }));
  const send = async (fields, fn, overrides) => {
    setBusy(true);
    setErrors({});
    try {
      await fn();
      setV(init);
    } catch (err) {
      setErrors(errorsFrom(err, fields, overrides));
    }
    setBusy(false);
  };
  return { v, setV, set, errors, setErrors, busy, send };
}

/* ---- indicators ---- */

/** A further indicator of the project (POST /project-indicators). */
export function IndicatorForm({ projectId, refresh }) {
  const [open, setOpen] = useState(false);
  const form = useForm({ name: '', source: 'service_hours', target: '', unit: '' });
  const { v, set, errors } = form;
  if (!open)
    return (
      <button type="button" class="btn" onClick={() => setOpen(true)}>
        {t('proj.add_indicator')}
      </button>
    );
  const submit = (e) => {
    e.preventDefault();
    const n = Number(v.target);
    const errs = {};
    if (!v.name.trim()) errs.name = t('error.required');
    if (!v.target.trim() || !(n >= 0)) errs.target = t('proj.err.target');
    form.setErrors(errs);
    if (Object.keys(errs).length) return;
    form.send(['name', 'source', 'target', 'unit'], async () => {
      await post('/project-indicators', { project_id: projectId, name: v.name.trim(), source: v.source, target: n, unit: v.unit.trim() || undefined });
      setOpen(false);
      await refresh();
    });
  };
  return (
    <form onSubmit={submit} noValidate class="proj-subform" data-testid="indicator-form">
      <h3>{t('proj.add_indicator')}</h3>
      <FormError text={errors._form} />
      <Field name="ind-name" label={t('proj.f.ind_name')} value={v.name} onInput={set('name')} error={errors.name} maxLength={200} />
      <SelectField id="f-ind-source" name="source" label={t('proj.f.ind_source')} value={v.source} onChange={set('source')} error={errors.source} options={SOURCES.map((x) => [x, t('proj.source.' + x)])} />
      <Field name="ind-target" label={t('proj.f.ind_target')} inputMode="decimal" value={v.target} onInput={set('target')} error={errors.target} />
      <Field name="ind-unit" label={t('proj.f.ind_unit')} value={v.unit} onInput={set('unit')} error={errors.unit} maxLength={20} />
      <button type="submit" class="btn btn-primary" disabled={form.busy}>
        {t('proj.save_indicator')}
      </button>
    </form>
  );
}

/* ---- expenses ---- */

function ExpenseLine({ x, keeps, refresh }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useRun(async () => {
    setOpen(false);
    await refresh();
  });
  const voided = x.status !== 'posted';
  return (
    <li class={'list-item' + (voided ? ' fund-void' : '')} data-expense={x.id}>
      <div class="list-main">
        <strong class="fund-amount">
          {formatMoney(x.amount_fen)} <span class="muted small">{t('proj.line.' + x.line)}</span>
        </strong>
        <span>{x.memo}</span>
        <span class="muted small">
          {x.spent_on}
          {voided && ' · ' + t('proj.exp.voided', { reason: x.void_reason || '' })}
        </span>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {open && (
          <form
            class="row proj-subform proj-void"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              run(() => post(`/project-expenses/${x.id}/void`, { reason: reason.trim() }));
            }}
          >
            <Field name={'void-reason-' + x.id} label={t('proj.exp.void_reason')} value={reason} onInput={setReason} maxLength={500} />
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t('proj.exp.void_confirm')}
            </button>
          </form>
        )}
      </div>
      {keeps && !voided && !open && (
        <button type="button" class="btn btn-quiet" onClick={() => setOpen(true)}>
          {t('proj.exp.void')}
        </button>
      )}
    </li>
  );
}

export function ExpenseSection({ s, refresh }) {
  const { p } = s;
  const lines = p.budget && p.budget.length ? p.budget.map((b) => b.line) : LINES;
  const form = useForm({ line: lines[0], amount: '', memo: '', spent_on: todayCst() });
  const { v, set, errors } = form;
  const submit = (e) => {
    e.preventDefault();
    const fen = yuanToFen(v.amount);
    const errs = {};
    if (fen === null) errs.amount_fen = v.amount.trim() ? t('proj.err.amount') : t('error.required');
    if (!v.memo.trim()) errs.memo = t('error.required');
    form.setErrors(errs);
    if (Object.keys(errs).length) return;
    form.send(
      ['line', 'amount_fen', 'memo', 'spent_on'],
      async () => {
        await post(`/projects/${p.id}/expenses`, { line: v.line, amount_fen: fen, memo: v.memo.trim(), spent_on: v.spent_on });
        await refresh();
      },
      MONEY_ERRORS,
    );
  };
  return (
    <section class="card" aria-labelledby="proj-exp-h">
      <h2 id="proj-exp-h">{t('proj.expenses')}</h2>
      {s.expenses.length === 0 && <p class="muted">{t('proj.exp.none')}</p>}
      <ul class="list" data-testid="proj-expenses">
        {s.expenses.map((x) => (
          <ExpenseLine key={x.id} x={x} keeps={s.keeps} refresh={refresh} />
        ))}
      </ul>
      {s.keeps && !p.fund_id && <p class="muted small">{t('proj.exp.no_fund')}</p>}
      {s.keeps && p.fund_id && (
        <form onSubmit={submit} noValidate class="proj-subform" data-testid="expense-form">
          <h3>{t('proj.exp.new')}</h3>
          <FormError text={errors._form} />
          <SelectField id="f-exp-line" name="line" label={t('proj.f.line')} value={v.line} onChange={set('line')} error={errors.line} options={lines.map((l) => [l, t('proj.line.' + l)])} />
          <Field name="amount_fen" label={t('proj.f.amount_yuan')} inputMode="decimal" value={v.amount} onInput={set('amount')} error={errors.amount_fen} />
          <Field name="memo" label={t('proj.exp.memo')} value={v.memo} onInput={set('memo')} error={errors.memo} maxLength={500} />
          <Field name="spent_on" type="date" label={t('proj.exp.spent_on')} value={v.spent_on} onInput={set('spent_on')} error={errors.spent_on} />
          <button type="submit" class="btn btn-primary" disabled={form.busy}>
            {t('proj.exp.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/* ---- evaluations ---- */

const emptyScore = () => ({ criterion: '', score: '', max: '' });

function EvaluationItem({ e, evaluators }) {
  const who = evaluators.find((x) => x.user_id === e.evaluator_user_id);
  return (
    <li class="card" data-evaluation={e.id}>
      <strong>
        {t('proj.stage.' + e.stage)} · {t('proj.decision.' + e.decision)}
      </strong>{' '}
      <span class="muted small">
        {e.evaluated_on || ''} {who ? ' · ' + (who.body_name || who.username) : ''}
      </span>
      <p data-testid="eval-total">{t('proj.eval.total', { total: formatNumber(e.total_score, 1), max: formatNumber(e.max_score, 1) })}</p>
      <table class="fund-lines">
        <tbody>
          {e.scores.map((c, i) => (
            <tr key={i}>
              <th>{c.criterion}</th>
              <td class="num">
                {formatNumber(c.score, 1)} / {formatNumber(c.max, 1)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="fund-text">{e.findings}</p>
      {e.documents && e.documents.length > 0 && <p class="small muted">{t('proj.eval.documents_list', { docs: e.documents.join('、') })}</p>}
    </li>
  );
}

export function EvaluationSection({ s, refresh }) {
  const form = useForm({ stage: 'mid', evaluated_on: todayCst(), scores: [emptyScore()], findings: '', documents: '', decision: 'pass' });
  const { v, set, setV, errors } = form;
  const setScore = (i, k) => (x) => setV((o) => ({ ...o, scores: o.scores.map((r, j) => (j === i ? { ...r, [k]: x } : r)) }));
  const submit = (e) => {
    e.preventDefault();
    const errs = {};
    v.scores.forEach((c, i) => {
      if (!c.criterion.trim()) errs[`scores[${i}].criterion`] = t('error.required');
      if (!(c.score.trim() && Number(c.score) >= 0)) errs[`scores[${i}].score`] = t('proj.err.target');
      if (!(c.max.trim() && Number(c.max) > 0)) errs[`scores[${i}].max`] = t('proj.err.target');
      if (!errs[`scores[${i}].score`] && !errs[`scores[${i}].max`] && Number(c.score) > Number(c.max)) errs[`scores[${i}].score`] = t('proj.err.score_max');
    });
    if (!v.findings.trim()) errs.findings = t('error.required');
    form.setErrors(errs);
    if (Object.keys(errs).length) return;
    const rows = v.scores.flatMap((_, i) => ['criterion', 'score', 'max'].map((k) => `scores[${i}].${k}`));
    form.send(['stage', 'scores', 'findings', 'documents', 'decision', 'evaluated_on', ...rows], async () => {
      await post(`/projects/${s.p.id}/evaluations`, {
        stage: v.stage,
        evaluated_on: v.evaluated_on,
        scores: v.scores.map((c) => ({ criterion: c.criterion.trim(), score: Number(c.score), max: Number(c.max) })),
        findings: v.findings.trim(),
        documents: v.documents.split('\n').map((d) => d.trim()).filter(Boolean),
        decision: v.decision,
      });
      await refresh();
    });
  };
  return (
    <section class="card" aria-labelledby="proj-eval-h">
      <h2 id="proj-eval-h">{t('proj.evaluations')}</h2>
      {s.evaluations.length === 0 && <p class="muted">{t('proj.eval.none')}</p>}
      <ul class="list cards" data-testid="proj-evaluations">
        {s.evaluations.map((e) => (
          <EvaluationItem key={e.id} e={e} evaluators={s.evaluators} />
        ))}
      </ul>
      {s.canEvaluate && (
        <form onSubmit={submit} noValidate class="proj-subform" data-testid="evaluation-form">
          <h3>{t('proj.eval.new')}</h3>
          <FormError text={errors._form} />
          <SelectField name="stage" label={t('proj.eval.stage')} value={v.stage} onChange={set('stage')} error={errors.stage} options={STAGES.map((x) => [x, t('proj.stage.' + x)])} hint={v.stage === 'final' ? t('proj.eval.final_hint') : undefined} />
          <Field name="evaluated_on" type="date" label={t('proj.eval.on')} value={v.evaluated_on} onInput={set('evaluated_on')} error={errors.evaluated_on} />
          <FormError text={errors.scores} />
          {v.scores.map((c, i) => (
            <div class="proj-row" key={i} data-testid={'score-row-' + i}>
              <Field name={`scores[${i}].criterion`} label={t('proj.eval.criterion')} value={c.criterion} onInput={setScore(i, 'criterion')} error={errors[`scores[${i}].criterion`]} maxLength={200} />
              <Field name={`scores[${i}].score`} label={t('proj.eval.score')} inputMode="decimal" value={c.score} onInput={setScore(i, 'score')} error={errors[`scores[${i}].score`]} />
              <Field name={`scores[${i}].max`} label={t('proj.eval.max')} inputMode="decimal" value={c.max} onInput={setScore(i, 'max')} error={errors[`scores[${i}].max`]} />
              <button type="button" class="btn btn-quiet" onClick={() => setV((o) => ({ ...o, scores: o.scores.filter((_, j) => j !== i) }))} aria-label={t('proj.remove_criterion', { n: i + 1 })}>
                {t('proj.remove')}
              </button>
            </div>
          ))}
          <button type="button" class="btn" onClick={() => setV((o) => ({ ...o, scores: [...o.scores, emptyScore()] }))}>
            {t('proj.eval.add_criterion')}
          </button>
          <TextAreaField name="findings" label={t('proj.eval.findings')} value={v.findings} onInput={set('findings')} error={errors.findings} maxLength={20000} />
          <TextAreaField name="documents" label={t('proj.eval.documents')} hint={t('proj.eval.documents_hint')} value={v.documents} onInput={set('documents')} error={errors.documents} rows={2} />
          <SelectField name="decision" label={t('proj.eval.decision')} value={v.decision} onChange={set('decision')} error={errors.decision} options={DECISIONS.map((x) => [x, t('proj.decision.' + x)])} />
          <button type="submit" class="btn btn-primary" disabled={form.busy}>
            {t('proj.eval.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/* ---- evaluators ---- */

function EvaluatorLine({ x, keeps, refresh }) {
  const { busy, error, run } = useRun(refresh);
  return (
    <li class="list-item" data-evaluator={x.user_id}>
      <div class="list-main">
        <strong>{x.username || t('proj.user_no', { id: x.user_id })}</strong>
        <span class="muted small">
          {t('proj.evr_kind.' + x.kind)}
          {x.body_name ? ' · ' + x.body_name : ''}
          {x.active === false ? ' · ' + t('proj.evr.inactive') : ''}
        </span>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
      {keeps && x.active !== false && (
        <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => run(() => api('PATCH', '/project-evaluators/' + x.id, { active: false }))}>
          {t('proj.evr.withdraw')}
        </button>
      )}
    </li>
  );
}

/** Appoint an evaluator: the account chosen by name in the picker, or,
 * for one the caller cannot list (an outside body's account holds no role;
 * supervisors list no users), its username as typed. */
export function EvaluatorSection({ s, refresh }) {
  const form = useForm({ user_id: '', username: '', kind: 'third_party', body_name: '' });
  const { v, set, errors } = form;
  const [made, setMade] = useState(0); // a new picker after each appointment
  const submit = (e) => {
    e.preventDefault();
    const who = v.user_id ? { user_id: Number(v.user_id) } : v.username.trim() ? { username: v.username.trim() } : null;
    if (!who) return form.setErrors({ user_id: t('proj.err.user_id') });
    form.send(['user_id', 'username', 'kind', 'body_name'], async () => {
      await post(`/projects/${s.p.id}/evaluators`, { ...who, kind: v.kind, body_name: v.body_name.trim() || undefined });
      setMade((n) => n + 1);
      await refresh();
    });
  };
  return (
    <section class="card" aria-labelledby="proj-evr-h">
      <h2 id="proj-evr-h">{t('proj.evaluators')}</h2>
      {s.evaluators.length === 0 && <p class="muted">{t('proj.evr.none')}</p>}
      <ul class="list" data-testid="proj-evaluators">
        {s.evaluators.map((x) => (
          <EvaluatorLine key={x.id} x={x} keeps={s.keeps} refresh={refresh} />
        ))}
      </ul>
      {s.keeps && (
        <form onSubmit={submit} noValidate class="proj-subform" data-testid="evaluator-form">
          <h3>{t('proj.evr.new')}</h3>
          <FormError text={errors._form} />
          <Picker
            key={made}
            kind="user"
            free
            name="user_id"
            label={t('proj.evr.user')}
            hint={t('proj.evr.user_hint')}
            value={v.user_id}
            onChange={set('user_id')}
            onText={set('username')}
            error={errors.user_id || errors.username}
          />
          <SelectField id="f-evr-kind" name="kind" label={t('proj.evr.kind')} value={v.kind} onChange={set('kind')} error={errors.kind} options={EVALUATOR_KINDS.map((x) => [x, t('proj.evr_kind.' + x)])} />
          <Field name="body_name" label={t('proj.evr.body_name')} value={v.body_name} onInput={set('body_name')} error={errors.body_name} maxLength={200} />
          <button type="submit" class="btn btn-primary" disabled={form.busy}>
            {t('proj.evr.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
