// lk_qual_rules.jsx - 资格要求: which qualification each kind of work needs
// (GET /qualification-rules, docs/API.md "Qualifications gate work"), read
// by staff; a platform admin changes a work's level (PUT) or puts it back
// to the default (DELETE), the API's error shown next to the row's level.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDateTime, t, tMaybe } from '../i18n/index.js';
import { Link } from '../router.jsx';
import { useSession } from '../session.js';
import { SelectField, useRun } from '../components/lk_ui.jsx';
import { useLoad, pending } from '../components/ui.jsx';
import { userLabel } from '../components/picker.jsx';

export const LEVELS = ['none', 'assistant', 'intermediate', 'senior'];
const levelText = (q) => t('lk.qual.' + q);
const workName = (r) => tMaybe('lk.work.' + r.work) || r.name || r.work;

function Rule({ rule, admin, who, onSaved }) {
  const [level, setLevel] = useState(rule.min_qualification);
  const { busy, error, setError, run } = useRun(onSaved);
  const save = (ev) => {
    ev.preventDefault();
    run(() => api('PUT', '/qualification-rules/' + rule.work, { min_qualification: level }));
  };
  const reset = () => run(() => api('DELETE', '/qualification-rules/' + rule.work));
  const name = 'min_' + rule.work;
  return (
    <li class="card" data-work={rule.work} data-level={rule.min_qualification} data-changed={rule.changed ? 'true' : 'false'}>
      <h2 class="shift-title">{workName(rule)}</h2>
      <dl class="facts">
        <dt>{t('lk.rules.min')}</dt>
        <dd data-testid="rule-level">
          {levelText(rule.min_qualification)}
          {rule.changed && <span class="muted"> · {t('lk.rules.changed')}</span>}
        </dd>
        <dt>{t('lk.rules.default')}</dt>
        <dd>{levelText(rule.default)}</dd>
        {rule.changed && rule.updated_at && (
          <>
            <dt>{t('lk.rules.updated')}</dt>
            <dd data-testid="rule-updated">
              {t('lk.rules.updated_by', { at: formatDateTime(rule.updated_at), who: who(rule) })}
            </dd>
          </>
        )}
      </dl>
      {admin && (
        <form class="lk-top" onSubmit={save} noValidate>
          <SelectField
            name={name}
            label={t('lk.rules.set_label', { work: workName(rule) })}
            value={level}
            onInput={(v) => (setLevel(v), setError(''))}
            options={LEVELS.map((q) => ({ value: q, label: levelText(q) }))}
            error={error}
          />
          <div class="row">
            <button type="submit" class="btn btn-primary" disabled={busy || level === rule.min_qualification}>
              {t('lk.save')}
            </button>
            {rule.changed && (
              <button type="button" class="btn" onClick={reset} disabled={busy}>
                {t('lk.rules.reset')}
              </button>
            )}
          </div>
        </form>
      )}
    </li>
  );
}

export function QualificationRules() {
  const { user } = useSession();
  const admin = user.roles.some((r) => r.role === 'platform_admin');
  const [state, , load] = useLoad(async () => ({ items: (await get('/qualification-rules')).items }));
  const wait = pending(state, load);
  if (wait) return wait;
  // who changed a rule: named by the API (issue 18), the number only for a user since deleted
  const who = (r) => (r.updated_by_username ? userLabel({ name: r.updated_by_name, username: r.updated_by_username }) : r.updated_by_user_id ? t('lk.user_n', { id: r.updated_by_user_id }) : '—');
  return (
    <section class="stack">
      <h1>{t('lk.rules.title')}</h1>
      <p class="muted">{t('lk.rules.intro')}</p>
      {!admin && <p class="notice" data-testid="rules-readonly">{t('lk.rules.readonly')}</p>}
      <ul class="list cards" data-testid="qual-rules">
        {state.items.map((r) => (
          <Rule key={r.work + r.min_qualification + (r.updated_at || '')} rule={r} admin={admin} who={who} onSaved={() => load(true)} />
        ))}
      </ul>
      <p>
        <Link href="/social-workers">{t('lk.rules.to_workers')}</Link>
      </p>
    </section>
  );
}
