// certificates.jsx - 志愿服务记录证明: the volunteer issues a certificate of
// their verified hours for a period (optionally naming a school, for
// practice credit), lists and downloads them (POST/GET
// /volunteers/{id}/certificates; the PDF is a plain link the session cookie
// authenticates); staff do the same for a volunteer of theirs, found by
// name; and anyone, signed in or not, checks a certificate on the phone
// page /verify/{code} that its QR code opens (GET /certificates/{code}).
// The volunteer's own list is kept by the service worker: offline it is
// shown with the 离线 notice, and issuing and downloading are off (a staff
// member's lists are never kept).
import { useState } from 'preact/hooks';
import { get, post, savedAt } from '../api.js';
import { formatDateTime, formatHours, t } from '../i18n/index.js';
import { Link, useLocation } from '../router.jsx';
import { useSession } from '../session.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { pending, useLoad } from '../components/ui.jsx';
import { myVolunteer } from '../volunteer.js';
import { OfflineNotice, needsNetwork, useRefreshOnline } from '../components/offline.jsx';

const FIELDS = ['from', 'to', 'school'];

/** Today in China as YYYY-MM-DD, and the same day a year before. */
function today(yearsBack = 0) {
  const d = new Date(Date.now() + 8 * 3600e3);
  d.setUTCFullYear(d.getUTCFullYear() - yearsBack);
  return d.toISOString().slice(0, 10);
}

function StatusBadge({ status }) {
  return (
    <span class={'cert-status cert-' + status} data-testid="cert-status">
      {t('cert.status.' + status)}
    </span>
  );
}

function IssueForm({ volunteerId, onIssued, saved }) {
  const [v, setV] = useState({ from: today(1), to: today(), school: '' });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = { from: v.from, to: v.to };
      if (v.school.trim()) body.school = v.school.trim();
      onIssued(await post(`/volunteers/${volunteerId}/certificates`, body));
    } catch (err) {
      setErrors(errorsFrom(err, FIELDS, { rule_violation: 'cert.error.no_hours' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-label={t('cert.issue')}>
      <h2>{t('cert.issue')}</h2>
      <p class="muted small">{t('cert.issue_hint')}</p>
      <FormError text={errors._form} />
      <div class="row">
        <Field name="from" type="date" label={t('cert.from')} value={v.from} onInput={set('from')} error={errors.from} required />
        <Field name="to" type="date" label={t('cert.to')} value={v.to} onInput={set('to')} error={errors.to} required />
      </div>
      <Field name="school" label={t('cert.school')} hint={t('cert.school_hint')} value={v.school} onInput={set('school')} error={errors.school} maxLength={100} />
      <button type="submit" class="btn btn-primary" {...needsNetwork(saved, busy)}>
        {t('cert.issue_button')}
      </button>
    </form>
  );
}

/** Newest first. */
function CertList({ items, saved }) {
  if (!items.length) return <p class="muted">{t('cert.none')}</p>;
  return (
    <ul class="list" data-testid="certificates">
      {[...items].reverse().map((c) => (
        <li key={c.id} class="list-item" data-code={c.code}>
          <div class="list-main">
            <strong>
              {c.number} <StatusBadge status={c.status} />
            </strong>
            <span>{t('cert.period', { from: c.from, to: c.to })}</span>
            <span>
              {formatHours(c.hours)}
              {c.school ? ' · ' + c.school : ''}
            </span>
            <span class="muted small">
              {t('cert.code')} <span class="mono">{c.code}</span>
            </span>
          </div>
          <div class="stack cert-actions">
            {saved ? (
              <button type="button" class="btn" {...needsNetwork(saved)}>
                {t('cert.download')}
              </button>
            ) : (
              <a class="btn" href={c.pdf_url} target="_blank" rel="noopener">
                {t('cert.download')}
              </a>
            )}
            <Link class="btn btn-quiet" href={'/verify/' + c.code}>
              {t('cert.verify_link')}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Issue and list the certificates of one volunteer; `own` on the
 * volunteer's page, whose list the service worker keeps for offline use. */
function CertPanel({ volunteerId, own = false }) {
  const [state, , load] = useLoad(async () => {
    const list = await get(`/volunteers/${volunteerId}/certificates?limit=200`, { offline: own });
    return { items: list.items, savedAt: savedAt(list) };
  }, [volunteerId]);
  const [issued, setIssued] = useState(null);
  useRefreshOnline(state.savedAt, () => load(true));
  const wait = pending(state, load);
  return (
    <>
      <OfflineNotice savedAt={state.savedAt} />
      <IssueForm
        saved={state.savedAt}
        volunteerId={volunteerId}
        onIssued={(c) => {
          setIssued(c);
          load(true);
        }}
      />
      {issued && (
        <p class="card success" role="status">
          {t('cert.issued', { number: issued.number })}
        </p>
      )}
      <section class="card" aria-labelledby="h-certs">
        <h2 id="h-certs">{t('cert.list')}</h2>
        {wait || <CertList items={state.items} saved={state.savedAt} />}
      </section>
    </>
  );
}

export function MyCertificates() {
  const { user } = useSession();
  const [state, , load] = useLoad(async () => ({ v: await myVolunteer(user) }));
  const wait = pending(state, load);
  if (wait) return wait;
  if (!state.v) return <p class="card">{t('volunteer.none')}</p>;
  return (
    <div class="stack">
      <h1>{t('cert.title')}</h1>
      <CertPanel volunteerId={state.v.id} own />
    </div>
  );
}

/** Staff: find a volunteer by name, then issue for them. */
export function StaffCertificates() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState(null);
  const [chosen, setChosen] = useState(null);
  const [error, setError] = useState(null);
  const search = async (e) => {
    e.preventDefault();
    setChosen(null);
    setError(null);
    try {
      const people = (await get('/people?limit=20&q=' + encodeURIComponent(q.trim()))).items;
      const vols = await Promise.all(people.map((p) => get('/volunteers?person_id=' + p.id).then((r) => r.items.map((v) => ({ ...v, name: p.name })))));
      setFound(vols.flat());
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="stack">
      <h1>{t('cert.staff_title')}</h1>
      <form class="card" onSubmit={search} role="search" aria-label={t('cert.search')}>
        <Field name="q" label={t('cert.find')} hint={t('cert.find_hint')} value={q} onInput={setQ} required />
        <button type="submit" class="btn">
          {t('cert.search')}
        </button>
        {error && <p class="error">{error.message}</p>}
      </form>
      {found && (
        <section class="card" aria-label={t('cert.found')}>
          {found.length === 0 ? (
            <p class="muted">{t('cert.found_none')}</p>
          ) : (
            <ul class="list">
              {found.map((v) => (
                <li key={v.id} class="list-item">
                  <div class="list-main">
                    <strong>{v.name}</strong>
                    <span class="muted small mono">{v.volunteer_no}</span>
                  </div>
                  <button type="button" class="btn" aria-pressed={chosen && chosen.id === v.id ? 'true' : 'false'} onClick={() => setChosen(v)}>
                    {t('cert.choose')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {chosen && (
        <>
          <h2>{t('cert.for', { name: chosen.name })}</h2>
          <CertPanel key={chosen.id} volunteerId={chosen.id} />
        </>
      )}
    </div>
  );
}

/** The public check: /verify/{code}, no sign-in. */
export function VerifyCertificate() {
  const loc = useLocation();
  const code = decodeURIComponent(loc.split('?')[0].slice('/verify/'.length));
  const [state, , load] = useLoad(() => get('/certificates/' + encodeURIComponent(code)), [code]);
  if (state.error && (state.error.status === 404 || state.error.status === 429))
    return (
      <section class="card narrow" role="alert">
        <h1>{t('cert.verify_title')}</h1>
        <p class="error" data-testid="verify-error">
          {t(state.error.status === 404 ? 'cert.verify_unknown' : 'cert.verify_throttled')}
        </p>
      </section>
    );
  const wait = pending(state, load);
  if (wait) return wait;
  const c = state;
  return (
    <section class={'card narrow cert-verify cert-verify-' + c.status} aria-labelledby="h-verify">
      <h1 id="h-verify">{t('cert.verify_title')}</h1>
      <p class="cert-verdict" data-testid="verify-verdict">
        <StatusBadge status={c.status} /> {t('cert.verdict.' + c.status)}
      </p>
      {c.revoked_at && <p class="error">{t('cert.revoked_on', { date: formatDateTime(c.revoked_at) })}</p>}
      <dl class="facts">
        <dt>{t('cert.name')}</dt>
        <dd data-testid="verify-name">{c.name}</dd>
        <dt>{t('cert.volunteer_no')}</dt>
        <dd class="mono">{c.volunteer_no}</dd>
        <dt>{t('cert.hours')}</dt>
        <dd data-testid="verify-hours">{formatHours(c.hours)}</dd>
        <dt>{t('cert.period_label')}</dt>
        <dd>{t('cert.period', { from: c.from, to: c.to })}</dd>
        <dt>{t('cert.orgs')}</dt>
        <dd>{c.orgs.join('、')}</dd>
        <dt>{t('cert.number')}</dt>
        <dd class="mono">{c.number}</dd>
        <dt>{t('cert.code')}</dt>
        <dd class="mono">{c.code}</dd>
      </dl>
    </section>
  );
}
