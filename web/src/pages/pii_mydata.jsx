// pii_mydata.jsx - 我的数据 (issue 13, PIPL Art. 45): everything the platform
// stores about the signed-in user, section by section as GET /me/data gives
// it, and a button that downloads the same document as a JSON file.
import { Fragment } from 'preact';
import { get } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { pending, useLoad } from '../components/ui.jsx';

const LISTS = ['volunteers', 'volunteer_stages', 'social_workers', 'signups', 'attendance', 'service_records', 'corrections', 'honors', 'certificates', 'course_completions', 'course_attendance', 'invitations', 'callouts', 'emergency_reports', 'needs', 'client_cases', 'notifications', 'audit', 'sessions'];

/** A value as text: lists and objects as compact JSON. */
const show = (v) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function Facts({ row }) {
  return (
    <dl class="facts small">
      {Object.entries(row)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => (
          <Fragment key={k}>
            <dt class="mono">{k}</dt>
            <dd class="mono pii-value">{show(v)}</dd>
          </Fragment>
        ))}
    </dl>
  );
}

function Section({ name, list }) {
  const items = list ? list.items : [];
  return (
    <details class="card" data-section={name} open={name === 'sessions' || undefined}>
      <summary>
        <strong>{t('pii.data.section.' + name)}</strong> <span class="muted" data-testid={'count-' + name}>{t('pii.data.count', { n: items.length })}</span>
      </summary>
      {list && list.truncated && <p class="muted">{t('pii.data.truncated', { n: items.length })}</p>}
      {items.length === 0 && <p class="muted">{t('pii.data.empty')}</p>}
      <ol class="plain list">
        {items.map((it, i) => (
          <li key={i}>
            {name === 'sessions' && it.current && <span class="misc-tag">{t('pii.data.current_session')}</span>}
            <Facts row={it} />
          </li>
        ))}
      </ol>
    </details>
  );
}

export function MyData() {
  const [state, , reload] = useLoad(() => get('/me/data'));
  const wait = pending(state, reload);
  return (
    <section class="stack">
      <h1>{t('pii.data.title')}</h1>
      <p>{t('pii.data.intro')}</p>
      <p>
        <a class="btn btn-primary" href="/api/v1/me/data?download=1" download data-testid="download">
          {t('pii.data.download')}
        </a>
      </p>
      {wait}
      {!wait && (
        <>
          <p class="muted small">{t('pii.data.generated', { time: formatDateTime(state.generated_at) })}</p>
          <div class="card" data-section="user">
            <h2>{t('pii.data.section.user')}</h2>
            <Facts row={state.user || {}} />
          </div>
          <div class="card" data-section="person">
            <h2>{t('pii.data.section.person')}</h2>
            {state.person ? <Facts row={state.person} /> : <p class="muted">{t('pii.data.empty')}</p>}
          </div>
          {LISTS.map((n) => (
            <Section key={n} name={n} list={state[n]} />
          ))}
        </>
      )}
    </section>
  );
}
