// org_people.jsx - people of the caller's scope with a name search and an
// org filter, and a person's profile: ID number and phone as the API gives
// them (masked unless the caller may see them) and masked again on screen,
// the birth year only, and 查看完整信息 to ask for values in full with a
// reason (components/reveal.jsx; issue 13). The list is a table a page at a
// time on the API's cursor, sortable, filtered by name and org (issue 18).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatDate, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { Loading, LoadError, maskId, maskPhone } from '../components/ui.jsx';
import { DataTable, SearchBox, useCursorList } from '../components/table.jsx';
import { Picker } from '../components/picker.jsx';
import { Reveal } from '../components/reveal.jsx';
import { hasRole, useSession } from '../session.js';
import { ORGANISE } from '../routes_staff.js';

function Profile({ id }) {
  const { user } = useSession();
  const [p, setP] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setP(null);
    get('/people/' + id).then(setP, setError);
  }, [id]);
  if (error) return <LoadError error={error} />;
  if (!p) return <Loading />;
  return (
    <div class="card" data-testid="profile">
      <h2>{p.name}</h2>
      <dl class="facts">
        <dt>{t('person.id_number')}</dt>
        <dd class="mono" data-testid="id-number">{maskId(p.id_number) || '—'}</dd>
        <dt>{t('person.phone')}</dt>
        <dd class="mono">{maskPhone(p.phone) || '—'}</dd>
        <dt>{t('person.gender')}</dt>
        <dd>{p.gender ? t('gender.' + p.gender) : '—'}</dd>
        <dt>{p.birth_date ? t('person.birth_date') : t('pii.birth_year')}</dt>
        <dd data-testid="birth">{p.birth_date ? formatDate(p.birth_date) : p.birth_year || '—'}</dd>
        <dt>{t('person.skills')}</dt>
        <dd>{p.skills && p.skills.length ? p.skills.join('、') : '—'}</dd>
      </dl>
      {/* a regional admin alone may never see a value in full (docs/API.md) */}
      {hasRole(user, ORGANISE) && <Reveal key={p.id} personId={p.id} />}
    </div>
  );
}

export function People() {
  const q = queryParam('q') || '';
  const orgId = queryParam('org_id') || '';
  const id = Number(queryParam('id')) || 0;
  const list = useCursorList('/people', { q, org_id: orgId });
  const go = (nq, norg) => {
    const params = new URLSearchParams();
    if (nq) params.set('q', nq);
    if (norg) params.set('org_id', norg);
    navigate('/people' + (params.toString() ? '?' + params : ''));
  };
  const here = (pid) => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (orgId) params.set('org_id', orgId);
    params.set('id', pid);
    return '/people?' + params;
  };
  const columns = [
    {
      key: 'name',
      label: t('person.name'),
      render: (p) => (
        <Link href={here(p.id)} data-person={p.id}>
          {p.name}
        </Link>
      ),
    },
    { key: 'gender', label: t('person.gender'), value: (p) => (p.gender ? t('gender.' + p.gender) : '') },
    { key: 'birth', label: t('pii.birth_year'), num: true, value: (p) => (p.birth_date ? Number(p.birth_date.slice(0, 4)) : p.birth_year || null) },
    { key: 'phone', label: t('person.phone'), value: (p) => maskPhone(p.phone) || '', render: (p) => <span class="mono">{maskPhone(p.phone) || '—'}</span> },
    { key: 'skills', label: t('person.skills'), value: (p) => (p.skills || []).join('、') },
    { key: 'created_at', label: t('forms.created'), render: (p) => (p.created_at ? formatDate(p.created_at) : '—') },
  ];
  return (
    <section class="stack">
      <h1>{t('people.title')}</h1>
      <div class="card dtable-filters">
        <SearchBox id="people-q" label={t('people.search')} initial={q} onSearch={(v) => go(v, orgId)} />
        <Picker kind="org" name="people_org" label={t('forms.filter_org')} value={orgId} onChange={(v) => go(q, v)} placeholder={t('forms.any_org')} />
      </div>
      {id > 0 && <Profile id={id} />}
      <DataTable list={list} columns={columns} label={t('people.title')} empty={t('people.none')} testid="people-table" />
    </section>
  );
}
