// share_links.jsx - 组织联建 (issue 15, docs/API.md "Co-building links"):
// an org's links with what each shares. A link is the granting org's
// consent: "我方授予" are the org's own (its admins add one with a kind,
// change the kind or remove it), "授予我方" are its partners', each with a
// way to what it shares. SharedWithUs reads what a partner shares with the
// caller's org: its needs and its volunteers' public profiles where the
// link's kind says so, its activities always (everyone reads them).
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { formatDateTime, formatNumber, t, tMaybe } from '../i18n/index.js';
import { Link, queryParam } from '../router.jsx';
import { useSession, hasRole } from '../session.js';
import { ORG_WRITERS } from '../routes_linkage.js';
import { Field, FormError, errorsFrom } from '../components/form.jsx';
import { SelectField, useRun } from '../components/lk_ui.jsx';
import { useLoad, pending, Stars } from '../components/ui.jsx';
import { listAll } from '../org_data.js';
import { Crumbs } from '../components/crumbs.jsx';

/** The kinds of link, the default first (domain/share.h). */
export const KINDS = ['liaison', 'co_building', 'service_partner', 'volunteer_share'];
const kindText = (k) => t('share.kind.' + k);
const kindOptions = KINDS.map((k) => ({ value: k, label: kindText(k) }));

function OwnLink({ link, partner, writer, onSaved }) {
  const [kind, setKind] = useState(link.kind);
  const { busy, error, setError, run } = useRun(onSaved);
  const name = 'kind_' + link.id;
  return (
    <li class="card" data-link={link.id} data-kind={link.kind}>
      <h3 class="shift-title">{partner}</h3>
      <p>
        <span class="badge" data-testid="link-kind">
          {kindText(link.kind)}
        </span>{' '}
        <span class="muted small">{t('share.shares.' + link.kind)}</span>
      </p>
      {link.note && <p class="muted small">{link.note}</p>}
      {writer && (
        <form onSubmit={(ev) => (ev.preventDefault(), run(() => api('PATCH', '/org-links/' + link.id, { kind })))} noValidate>
          <SelectField name={name} label={t('share.change_label', { org: partner })} value={kind} onInput={(v) => (setKind(v), setError(''))} options={kindOptions} error={error} />
          <div class="row">
            <button type="submit" class="btn btn-primary" disabled={busy || kind === link.kind}>
              {t('share.save')}
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => run(() => api('DELETE', '/org-links/' + link.id))}>
              {t('share.remove')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function AddLink({ org, orgs, taken, onSaved }) {
  const [form, setForm] = useState({ other_org_id: '', kind: 'co_building', note: '' });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const set = (k) => (v) => (setForm({ ...form, [k]: v }), setErrors({}));
  const options = orgs.filter((o) => o.id !== org.id && !taken.has(o.id)).map((o) => ({ value: String(o.id), label: o.name }));
  const submit = async (ev) => {
    ev.preventDefault();
    setBusy(true);
    try {
      const body = { kind: form.kind, ...(form.note ? { note: form.note } : {}) };
      if (form.other_org_id) body.org_id = Number(form.other_org_id);
      await api('POST', '/orgs/' + org.id + '/links', body);
      setForm({ other_org_id: '', kind: 'co_building', note: '' });
      await onSaved();
    } catch (err) {
      // the API names the partner other_org_id (or org_id, as sent)
      const e = errorsFrom(err, ['other_org_id', 'org_id', 'kind', 'note']);
      if (e.org_id) e.other_org_id = e.org_id;
      setErrors(e);
    }
    setBusy(false);
  };
  return (
    <form class="card stack" onSubmit={submit} noValidate data-testid="add-link">
      <h2>{t('share.add')}</h2>
      <FormError text={errors._form} />
      <SelectField name="other_org_id" label={t('share.partner')} value={form.other_org_id} onInput={set('other_org_id')} options={options} placeholder={t('share.choose')} error={errors.other_org_id} />
      <SelectField name="kind" label={t('share.kind')} value={form.kind} onInput={set('kind')} options={kindOptions} error={errors.kind} hint={t('share.shares.' + form.kind)} />
      <Field name="note" label={t('share.note')} value={form.note} onInput={set('note')} error={errors.note} />
      <p class="muted small">{t('share.consent')}</p>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {t('share.grant')}
      </button>
    </form>
  );
}

export function ShareLinks() {
  const { user } = useSession();
  const writer = hasRole(user, ORG_WRITERS);
  const id = Number(queryParam('id')) || 0;
  const [state, , load] = useLoad(async () => {
    const [org, links, orgs] = await Promise.all([get('/orgs/' + id), listAll('/orgs/' + id + '/links'), listAll('/orgs')]);
    return { org, links, orgs, names: new Map(orgs.map((o) => [o.id, o.name])) };
  }, [id]);
  const wait = pending(state, load);
  if (wait) return wait;
  const { org, links, orgs, names } = state;
  const name = (oid) => names.get(oid) || t('share.org_n', { id: oid });
  const own = links.filter((l) => l.org_id === org.id);
  const theirs = links.filter((l) => l.other_org_id === org.id);
  return (
    <section class="stack">
      <Crumbs via={[{ href: '/orgs?id=' + org.id, label: org.name }]} here={t('nav.crumb.links')} />
      <h1>{t('share.title', { org: org.name })}</h1>
      <p class="muted">{t('share.intro')}</p>
      <h2>{t('share.own')}</h2>
      <ul class="list cards" data-testid="own-links">
        {own.map((l) => (
          <OwnLink key={l.id + l.kind + (l.updated_at || '')} link={l} partner={name(l.other_org_id)} writer={writer} onSaved={() => load(true)} />
        ))}
      </ul>
      {!own.length && <p class="muted">{t('share.none_own')}</p>}
      {writer && <AddLink org={org} orgs={orgs} taken={new Set(own.map((l) => l.other_org_id))} onSaved={() => load(true)} />}
      <h2>{t('share.theirs')}</h2>
      <ul class="list cards" data-testid="their-links">
        {theirs.map((l) => (
          <li class="card" key={l.id} data-link={l.id} data-kind={l.kind}>
            <h3 class="shift-title">{name(l.org_id)}</h3>
            <p>
              <span class="badge">{kindText(l.kind)}</span> <span class="muted small">{t('share.shares.' + l.kind)}</span>
            </p>
            <Link class="btn" href={'/orgs/shared?id=' + l.org_id + '&to=' + org.id}>
              {t('share.view')}
            </Link>
          </li>
        ))}
      </ul>
      {!theirs.length && <p class="muted">{t('share.none_theirs')}</p>}
      <p>
        <Link href={'/orgs?id=' + org.id}>{t('share.back', { org: org.name })}</Link>
      </p>
    </section>
  );
}

/** A list the link may not open: null on 403. */
const shared = (path) => get(path).then((r) => r.items, (err) => (err.status === 403 ? null : Promise.reject(err)));

export function SharedWithUs() {
  const id = Number(queryParam('id')) || 0;
  const to = Number(queryParam('to')) || 0;
  const [state, , load] = useLoad(async () => {
    const [org, needs, volunteers, activities] = await Promise.all([
      get('/orgs/' + id),
      shared('/orgs/' + id + '/shared-needs?limit=200'),
      shared('/orgs/' + id + '/shared-volunteers?limit=200'),
      get('/activities?org_id=' + id + '&limit=50').then((r) => r.items),
    ]);
    return { org, needs, volunteers, activities };
  }, [id]);
  const wait = pending(state, load);
  if (wait) return wait;
  const { org, needs, volunteers, activities } = state;
  return (
    <section class="stack">
      <Crumbs via={[{ href: '/orgs?id=' + org.id, label: org.name }]} here={t('nav.crumb.shared')} />
      <h1>{t('share.shared_title', { org: org.name })}</h1>
      <p class="muted">{t('share.shared_intro')}</p>
      <h2>{t('share.needs')}</h2>
      {needs === null ? (
        <p class="notice" data-testid="needs-closed">{t('share.not_shared')}</p>
      ) : (
        <ul class="list cards" data-testid="shared-needs">
          {needs.map((n) => (
            <li class="card" key={n.id} data-need={n.id}>
              <h3 class="shift-title">{n.title}</h3>
              <p class="muted small">
                {tMaybe('care.category.' + n.category) || n.category} · {tMaybe('care.need_status.' + n.status) || n.status} · {formatDateTime(n.created_at)}
              </p>
              {n.description && <p>{n.description}</p>}
            </li>
          ))}
          {!needs.length && <li class="muted">{t('share.empty')}</li>}
        </ul>
      )}
      <h2>{t('share.volunteers')}</h2>
      {volunteers === null ? (
        <p class="notice" data-testid="volunteers-closed">{t('share.not_shared')}</p>
      ) : (
        <ul class="list cards" data-testid="shared-volunteers">
          {volunteers.map((v) => (
            <li class="card" key={v.id} data-volunteer={v.id}>
              <h3 class="shift-title">
                {v.name} <Stars n={v.stars} />
              </h3>
              <p class="muted small">
                {t('share.stage.' + v.stage)} · {t('share.hours', { hours: formatNumber(v.verified_hours, 1) })}
              </p>
              {v.skills.length > 0 && <p class="small">{t('share.skills', { skills: v.skills.join('、') })}</p>}
            </li>
          ))}
          {!volunteers.length && <li class="muted">{t('share.empty')}</li>}
        </ul>
      )}
      <h2>{t('share.activities')}</h2>
      <ul class="list cards" data-testid="shared-activities">
        {activities.map((a) => (
          <li class="card" key={a.id}>
            <h3 class="shift-title">{a.title}</h3>
            <p class="muted small">{formatDateTime(a.starts_at)}</p>
          </li>
        ))}
        {!activities.length && <li class="muted">{t('share.empty')}</li>}
      </ul>
      {to > 0 && (
        <p>
          <Link href={'/orgs/links?id=' + to}>{t('share.back_links')}</Link>
        </p>
      )}
    </section>
  );
}
