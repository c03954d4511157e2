// aid_runs.jsx - 助学批次: the semester runs of student-aid funds (docs/API.md
// "Student aid by semester"). /aid/runs lists them (filters fund, semester,
// status) with the form to propose one (POST /funds/{id}/semester-runs:
// every aided student of the fund's org planned the standard of their
// school stage, directed gifts first, then the pool); /aid/runs/{id} is one
// run: its totals, its students and where each payment comes from, and the
// next step for those who may take it: approve (four eyes: never by its
// proposer) and pay with the bank's reference.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, formatNumber, t } from '../i18n/index.js';
import { Link, navigate, queryParam, useLocation } from '../router.jsx';
import { useSession, roleNames } from '../session.js';
import { Field, FormError } from '../components/form.jsx';
import { SelectField } from '../components/care_ui.jsx';
import { getAll } from '../components/calendar_data.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import {
  AID_ERRORS, AID_STAFF, Money, RUN_STATUSES, StatusBadge, aidErrorsFrom, currentSchoolYear, currentTerm,
  label, schoolYears, semesterLabel,
} from '../components/aid_ui.jsx';

const fundName = (funds, id) => (funds.find((f) => f.id === id) || {}).name || t('aid.fund_n', { id });

/** Propose a run: a student-aid fund and a semester (school year + term). */
function ProposeForm({ funds }) {
  const [v, setV] = useState({ fund_id: funds.length === 1 ? String(funds[0].id) : '', year: currentSchoolYear(), term: currentTerm() });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const semester = `${v.year}-${v.term}`;
  const submit = async (e) => {
    e.preventDefault();
    if (!v.fund_id) return setErrors({ fund_id: t('error.required') });
    setBusy(true);
    setErrors({});
    try {
      const run = await post(`/funds/${v.fund_id}/semester-runs`, { semester });
      navigate(`/aid/runs/${run.id}?proposed=1`);
    } catch (err) {
      // the UI only sends well-formed semesters: a 422 on it means nobody awaits it
      const own = err.field === 'semester' && err.code === 'invalid_value' ? { invalid_value: 'aid.error.no_students' } : {};
      setErrors(aidErrorsFrom(err, ['fund_id', 'semester'], { ...AID_ERRORS, duplicate: 'aid.error.duplicate_run', ...own }));
      setBusy(false);
    }
  };
  const semErr = errors.semester;
  return (
    <form class="card" onSubmit={submit} aria-labelledby="h-propose" data-testid="propose-form">
      <h2 id="h-propose">{t('aid.propose')}</h2>
      <p class="muted small">{t('aid.propose_hint')}</p>
      <FormError text={errors._form} />
      <SelectField
        name="fund_id"
        label={t('aid.fund')}
        value={v.fund_id}
        onChange={set('fund_id')}
        error={errors.fund_id}
        placeholder={t('aid.choose_fund')}
        options={funds.map((f) => [String(f.id), f.name])}
        required
      />
      <fieldset class="aid-fieldset" aria-describedby={semErr ? 'f-semester-err' : undefined}>
        <legend>{t('aid.semester')}</legend>
        <div class="row aid-row">
          <SelectField name="school_year" label={t('aid.school_year')} value={v.year} onChange={set('year')} options={schoolYears(1, 1).map((y) => [y, t('aid.school_year_value', { y })])} aria-invalid={semErr ? 'true' : undefined} />
          <SelectField name="term" label={t('aid.term')} value={v.term} onChange={set('term')} options={['1', '2'].map((x) => [x, t('aid.term_long.' + x)])} aria-invalid={semErr ? 'true' : undefined} />
        </div>
        <p class="hint">{t('aid.semester_code', { code: semester })}</p>
        {semErr && (
          <p class="error" id="f-semester-err" data-field="semester" role="alert">
            {semErr}
          </p>
        )}
      </fieldset>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {t('aid.propose_button')}
      </button>
    </form>
  );
}

function RunFilters({ funds, f, setF }) {
  const years = schoolYears(2, 1);
  const sems = years.flatMap((y) => [`${y}-1`, `${y}-2`]).reverse();
  return (
    <form class="aid-filters" role="search" aria-label={t('aid.filters')} onSubmit={(e) => e.preventDefault()}>
      <SelectField name="f_fund" label={t('aid.fund')} value={f.fund_id} onChange={(x) => setF({ ...f, fund_id: x })} placeholder={t('aid.all')} options={funds.map((x) => [String(x.id), x.name])} />
      <SelectField name="f_semester" label={t('aid.semester')} value={f.semester} onChange={(x) => setF({ ...f, semester: x })} placeholder={t('aid.all')} options={sems.map((s) => [s, semesterLabel(s)])} />
      <SelectField name="f_status" label={t('aid.status')} value={f.status} onChange={(x) => setF({ ...f, status: x })} placeholder={t('aid.all')} options={RUN_STATUSES.map((s) => [s, t('aid.run_status.' + s)])} />
    </form>
  );
}

function RunItem({ run, funds }) {
  return (
    <li class="list-item" data-run={run.id}>
      <div class="list-main">
        <strong>
          <Link href={`/aid/runs/${run.id}`}>{semesterLabel(run.semester)}</Link> <StatusBadge prefix="aid.run_status." value={run.status} />
        </strong>
        <span class="small">{fundName(funds, run.fund_id)}</span>
        <span class="small">
          {t('aid.run_summary', { students: formatNumber(run.students), unfunded: formatNumber(run.unfunded) })} · <Money fen={run.total_fen} />
        </span>
      </div>
    </li>
  );
}

function RunList() {
  const { user } = useSession();
  const [f, setF] = useState({ fund_id: '', semester: '', status: '' });
  const [fundState, , loadFunds] = useLoad(async () => ({ funds: await getAll('/funds?purpose=student_aid') }));
  const q = ['fund_id', 'semester', 'status'].filter((k) => f[k]).map((k) => `${k}=${encodeURIComponent(f[k])}`).join('&');
  const [runs, , loadRuns] = useLoad(async () => ({ items: await getAll('/semester-runs' + (q ? '?' + q : '')) }), [q]);
  const wait = pending(fundState, loadFunds);
  if (wait) return wait;
  const funds = fundState.funds;
  const canPropose = roleNames(user).some((r) => AID_STAFF.includes(r));
  return (
    <div class="stack">
      <h1>{t('aid.runs_title')}</h1>
      <p class="muted small">{t('aid.runs_intro')}</p>
      <section class="card" aria-labelledby="h-runs">
        <h2 id="h-runs">{t('aid.runs_list')}</h2>
        <RunFilters funds={funds} f={f} setF={setF} />
        {pending(runs, loadRuns) ||
          (runs.items.length === 0 ? (
            <p class="muted">{t('aid.runs_none')}</p>
          ) : (
            <ul class="list" data-testid="runs">
              {[...runs.items].reverse().map((r) => (
                <RunItem key={r.id} run={r} funds={funds} />
              ))}
            </ul>
          ))}
      </section>
      {canPropose && (funds.length ? <ProposeForm funds={funds} /> : <p class="card muted">{t('aid.no_funds')}</p>)}
    </div>
  );
}

/** Approve (no body) or pay (the bank's reference): the run's next step. */
function Decide({ run, me, onDone }) {
  const [bankRef, setBankRef] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const paying = run.status === 'approved';
  const mine = run.proposed_by_user_id === me;
  const act = async (e) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const next = paying ? await post(`/semester-runs/${run.id}/pay`, { bank_ref: bankRef.trim() }) : await post(`/semester-runs/${run.id}/approve`);
      onDone(next);
    } catch (err) {
      const own = err.code === 'forbidden' ? { forbidden: mine && !paying ? 'aid.error.own_proposal' : 'aid.error.not_decider' } : {};
      setErrors(aidErrorsFrom(err, paying ? ['bank_ref'] : [], { ...AID_ERRORS, conflict: 'aid.error.run_moved', ...own }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={act} aria-labelledby="h-decide" data-testid="decide">
      <h2 id="h-decide">{paying ? t('aid.pay_title') : t('aid.approve_title')}</h2>
      <p class="muted small">{paying ? t('aid.pay_hint') : t('aid.approve_hint')}</p>
      {!paying && mine && <p class="notice small">{t('aid.you_proposed')}</p>}
      <FormError text={errors._form} />
      {paying && <Field name="bank_ref" label={t('aid.bank_ref')} hint={t('aid.bank_ref_hint')} value={bankRef} onInput={setBankRef} error={errors.bank_ref} maxLength={100} required />}
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {paying ? t('aid.pay_button') : t('aid.approve_button')}
      </button>
    </form>
  );
}

function Step({ done, title, at }) {
  return (
    <li class={'aid-step' + (done ? ' aid-step-done' : '')}>
      <span aria-hidden="true">{done ? '✓' : '○'}</span> {title}
      {at && <span class="muted small"> {formatDateTime(at)}</span>}
    </li>
  );
}

function RunDetail({ id }) {
  const { user } = useSession();
  const [flash, setFlash] = useState(queryParam('proposed') ? 'aid.proposed' : null);
  const [state, setState, load] = useLoad(async () => {
    const run = await get(`/semester-runs/${id}`);
    const fund = await get(`/funds/${run.fund_id}`).catch(() => null);
    // a client the caller may not read stays a number
    const ids = [...new Set(run.items.map((i) => i.client_id))];
    const clients = await Promise.all(ids.map((c) => get(`/clients/${c}`).catch(() => null)));
    return { run, fund, clients: new Map(ids.map((c, i) => [c, clients[i]])) };
  }, [id]);
  const wait = pending(state, load);
  if (wait) return wait;
  const { run, fund, clients } = state;
  const roles = roleNames(user);
  const decider = roles.includes('platform_admin') || roles.includes('org_admin') || (fund && fund.manager_user_id === user.id);
  const done = (next) => {
    setFlash(next.status === 'paid' ? 'aid.paid_done' : 'aid.approved_done');
    setState({ ...state, run: next });
  };
  return (
    <div class="stack">
      <p>
        <Link href="/aid/runs">{t('aid.back_to_runs')}</Link>
      </p>
      <h1>
        {semesterLabel(run.semester)} <StatusBadge prefix="aid.run_status." value={run.status} data-testid="run-status" />
      </h1>
      {flash && (
        <p class="card success" role="status">
          {t(flash)}
        </p>
      )}
      <section class="card" aria-labelledby="h-run">
        <h2 id="h-run">{fund ? fund.name : t('aid.fund_n', { id: run.fund_id })}</h2>
        <dl class="facts">
          <dt>{t('aid.total')}</dt>
          <dd data-testid="run-total">
            <Money fen={run.total_fen} />
          </dd>
          <dt>{t('aid.students_paid')}</dt>
          <dd>{formatNumber(run.students)}</dd>
          <dt>{t('aid.unfunded')}</dt>
          <dd data-testid="run-unfunded">{formatNumber(run.unfunded)}</dd>
          {run.bank_ref && (
            <>
              <dt>{t('aid.bank_ref')}</dt>
              <dd class="mono">{run.bank_ref}</dd>
            </>
          )}
          {fund && (
            <>
              <dt>{t('aid.fund_can_spend')}</dt>
              <dd>
                <Money fen={fund.balance_fen} />
              </dd>
            </>
          )}
        </dl>
        {run.unfunded > 0 && <p class="notice small">{t('aid.unfunded_note', { n: run.unfunded })}</p>}
        <ol class="plain aid-steps" aria-label={t('aid.steps')}>
          <Step done title={run.proposed_by_user_id === user.id ? t('aid.step_proposed_by_you') : t('aid.step_proposed')} at={run.created_at} />
          <Step done={!!run.approved_at} title={t('aid.step_approved')} at={run.approved_at} />
          <Step done={!!run.paid_at} title={t('aid.step_paid')} at={run.paid_at} />
        </ol>
      </section>
      {run.status !== 'paid' && (decider ? <Decide run={run} me={user.id} onDone={done} /> : <p class="card muted small">{t('aid.who_decides')}</p>)}
      <section class="card" aria-labelledby="h-items">
        <h2 id="h-items">{t('aid.items')}</h2>
        <div class="aid-scroll">
          <table class="aid-table" data-testid="run-items">
            <thead>
              <tr>
                <th scope="col">{t('aid.student')}</th>
                <th scope="col">{t('aid.stage')}</th>
                <th scope="col" class="num">
                  {t('aid.amount')}
                </th>
                <th scope="col">{t('aid.source')}</th>
              </tr>
            </thead>
            <tbody>
              {run.items.map((it, i) => {
                const c = clients.get(it.client_id);
                return (
                  <tr key={i}>
                    <td>{c && c.person_name ? c.person_name : t('aid.client_n', { id: it.client_id })}</td>
                    <td>{c ? label('aid.stage.', c.school_stage) : ''}</td>
                    <td class="num">
                      <Money fen={it.amount_fen} />
                    </td>
                    <td>
                      {t('aid.source.' + it.source)}
                      {it.donation_id && (
                        <>
                          {' · '}
                          <Link href={`/donations/${it.donation_id}`}>{t('aid.donation_n', { id: it.donation_id })}</Link>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** /aid/runs and /aid/runs/{id}. */
export function AidRuns() {
  const loc = useLocation();
  const m = /^\/aid\/runs\/([1-9]\d*)$/.exec(loc.split('?')[0]);
  if (m) return <RunDetail id={m[1]} />;
  if (loc.split('?')[0] !== '/aid/runs') return <p class="card">{t('page.not_found')}</p>;
  return <RunList />;
}
