// org_pipeline.jsx - the volunteer pipeline of one org as a board: a
// column per stage from application to registration, each volunteer a
// card that moves to the next stage (POST /volunteers/{id}/stage); the
// API's refusal is shown on the card. The stages off the main path
// (rejected, withdrawn, inactive) are counted below the board, and the
// inactive volunteers listed there, tagged 不活跃, each with a button to
// reactivate (ana_volunteer.jsx). Several cards may be chosen (a column at
// once) and moved each to its next stage in one go, one request each, with
// every volunteer's result listed (issue 18). Names are the API's. The same
// volunteers as a table (?view=table), filtered by stage and name.
import { useEffect, useState } from 'preact/hooks';
import { post } from '../api.js';
import { formatDate, t } from '../i18n/index.js';
import { Link, navigate, queryParam } from '../router.jsx';
import { Loading, LoadError } from '../components/ui.jsx';
import { errorText } from '../components/form.jsx';
import { BulkBar, DataTable, SearchBox, runEach, useCursorList } from '../components/table.jsx';
import { listAll } from '../org_data.js';
import { StageTag } from './ana_volunteer.jsx';

export const PATH = ['applied', 'trial', 'initial_training', 'selection', 'interview', 'skills_training', 'registered'];
const OFF = ['rejected', 'withdrawn', 'inactive'];
/** The stage after v's on the main path, or null. */
const nextOf = (v) => {
  const i = PATH.indexOf(v.stage);
  return i >= 0 && i < PATH.length - 1 ? PATH[i + 1] : null;
};

function Card({ v, name, onMove, busy, error, checked, onCheck }) {
  const next = nextOf(v);
  return (
    <li class="card board-card" data-volunteer={v.id}>
      {next && (
        <label class="small row" style={{ gap: '.35rem', margin: 0 }}>
          <input type="checkbox" checked={checked} onChange={onCheck} data-testid={'pick-' + v.id} />
          {t('forms.select_row', { name: name || v.volunteer_no })}
        </label>
      )}
      <Link href={'/people?id=' + v.person_id}>
        <strong>{name || v.volunteer_no}</strong>
      </Link>
      <span class="muted small mono">{v.volunteer_no}</span>
      <Link href={'/supervision/volunteer?id=' + v.id} class="small">
        {t('sup.lead.link')}
      </Link>
      {next && (
        <button type="button" class="btn btn-quiet" disabled={busy} onClick={() => onMove(v, next)}
          aria-label={t('pipeline.move_label', { name: name || v.volunteer_no, stage: t('stage.' + next) })}>
          {t('pipeline.move', { stage: t('stage.' + next) })}
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** The org's volunteers as a table (?view=table): stage and name filtered by
 * the API (`stage`, `q`), a page at a time on its cursor, sortable. */
function VolunteerTable({ orgId }) {
  const stage = queryParam('stage') || '';
  const q = queryParam('q') || '';
  const list = useCursorList('/volunteers', { org_id: orgId, stage, q });
  const go = (k, v) => {
    const p = new URLSearchParams({ org_id: String(orgId), view: 'table' });
    if (stage) p.set('stage', stage);
    if (q) p.set('q', q);
    v ? p.set(k, v) : p.delete(k);
    navigate('/pipeline?' + p);
  };
  const columns = [
    { key: 'name', label: t('person.name'), value: (v) => v.name || '', render: (v) => <Link href={'/supervision/volunteer?id=' + v.id}>{v.name || v.volunteer_no}</Link> },
    { key: 'volunteer_no', label: t('forms.volunteer_no'), render: (v) => <span class="mono small">{v.volunteer_no}</span> },
    { key: 'stage', label: t('forms.stage'), value: (v) => t('stage.' + v.stage) },
    { key: 'verified_hours', label: t('forms.hours'), num: true },
    { key: 'stars', label: t('forms.stars'), num: true },
    { key: 'created_at', label: t('forms.created'), render: (v) => (v.created_at ? formatDate(v.created_at) : '—') },
  ];
  return (
    <>
      <div class="card dtable-filters">
        <div class="field">
          <label for="vol-stage">{t('forms.stage')}</label>
          <select id="vol-stage" value={stage} onChange={(e) => go('stage', e.currentTarget.value)}>
            <option value="">{t('forms.any')}</option>
            {[...PATH, ...OFF].map((s) => (
              <option key={s} value={s}>
                {t('stage.' + s)}
              </option>
            ))}
          </select>
        </div>
        <SearchBox id="vol-q" label={t('forms.search_name')} initial={q} onSearch={(v) => go('q', v)} />
      </div>
      <DataTable list={list} columns={columns} label={t('pipeline.title')} testid="volunteer-table" />
    </>
  );
}

export function Pipeline() {
  const orgId = Number(queryParam('org_id')) || 0;
  const view = queryParam('view') === 'table' ? 'table' : 'board';
  const [orgs, setOrgs] = useState(null);
  const [state, setState] = useState({ loading: true });
  const [errs, setErrs] = useState({});
  const [busy, setBusy] = useState(0);
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState(new Set());
  const [results, setResults] = useState(null);
  const [bulkBusy, setBulkBusy] = useState(false);

  useEffect(() => {
    listAll('/orgs').then(
      (list) => {
        setOrgs(list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')));
        if (!orgId && list.length) {
          const team = list.find((o) => o.kind === 'volunteer_team') || list[0];
          navigate('/pipeline?org_id=' + team.id, true);
        }
      },
      (error) => setState({ error }),
    );
  }, []);

  const load = () => {
    if (!orgId || view === 'table') return;
    setState({ loading: true });
    setPicked(new Set());
    setResults(null);
    // each volunteer carries its person's name (issue 18)
    listAll(`/volunteers?org_id=${orgId}`).then(
      (vols) => setState({ vols }),
      (error) => setState({ error }),
    );
  };
  useEffect(load, [orgId, view]);
  const replace = (nv) => setState((s) => ({ ...s, vols: s.vols.map((x) => (x.id === nv.id ? nv : x)) }));
  const check = (ids, on) =>
    setPicked((p) => {
      const n = new Set(p);
      ids.forEach((id) => (on ? n.add(id) : n.delete(id)));
      return n;
    });
  // each chosen volunteer one step on, in turn; a refusal stays on its card
  // and in the list, the others move (issue 18)
  const moveAll = async () => {
    setBulkBusy(true);
    const chosen = state.vols.filter((v) => picked.has(v.id) && nextOf(v));
    const done = await runEach(chosen, async (v) => replace(await post(`/volunteers/${v.id}/stage`, { to: nextOf(v) })));
    setErrs((e) => Object.fromEntries([...Object.entries(e), ...done.map((r) => [r.item.id, r.ok ? null : r.error])]));
    setResults(done);
    setPicked(new Set(done.filter((r) => !r.ok).map((r) => r.item.id)));
    setBulkBusy(false);
  };

  const move = async (v, to) => {
    setBusy(v.id);
    setErrs((e) => ({ ...e, [v.id]: null }));
    try {
      replace(await post(`/volunteers/${v.id}/stage`, { to }));
    } catch (err) {
      setErrs((e) => ({ ...e, [v.id]: errorText(err) }));
    } finally {
      setBusy(0);
    }
  };

  return (
    <section class="stack">
      <h1>{t('pipeline.title')}</h1>
      {orgs && (
        <div class="field">
          <label for="pipeline-org">{t('pipeline.org')}</label>
          <select id="pipeline-org" value={orgId} onChange={(e) => navigate('/pipeline?org_id=' + e.currentTarget.value)}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {orgId > 0 && (
        <p class="row" role="group" aria-label={t('forms.view')}>
          <Link class={'btn' + (view === 'board' ? ' btn-primary' : '')} href={'/pipeline?org_id=' + orgId} aria-current={view === 'board' ? 'page' : undefined}>
            {t('forms.view_board')}
          </Link>
          <Link class={'btn' + (view === 'table' ? ' btn-primary' : '')} href={'/pipeline?view=table&org_id=' + orgId} aria-current={view === 'table' ? 'page' : undefined} data-testid="view-table">
            {t('forms.view_table')}
          </Link>
        </p>
      )}
      {view === 'table' && orgId > 0 && <VolunteerTable key={orgId} orgId={orgId} />}
      {view === 'board' && (
        <>
          <div class="field">
            <label for="pipeline-q">{t('pipeline.filter')}</label>
            <input id="pipeline-q" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value.trim())} />
          </div>
          {state.loading && <Loading />}
          {state.error && <LoadError error={state.error} retry={load} />}
          {state.vols && (
            <>
              <BulkBar count={picked.size} results={results} nameOf={(v) => v.name || v.volunteer_no} testid="pipeline-bulk">
                <button type="button" class="btn btn-primary" disabled={bulkBusy || picked.size === 0} onClick={moveAll} data-testid="bulk-move">
                  {bulkBusy ? t('forms.bulk_running') : t('forms.bulk_next_stage')}
                </button>
              </BulkBar>
              <div class="board" role="list" aria-label={t('pipeline.title')} tabIndex={0}>
                {PATH.map((stage) => {
                  const cards = state.vols.filter(
                    (v) => v.stage === stage && (!filter || (v.name || '').includes(filter) || v.volunteer_no.includes(filter)),
                  );
                  return (
                    <div class="board-col" key={stage} role="listitem" aria-labelledby={'col-' + stage} data-stage={stage}>
                      <h2 id={'col-' + stage}>
                        {t('stage.' + stage)} <span class="muted">{cards.length}</span>
                      </h2>
                      {stage !== 'registered' && cards.length > 0 && (
                        <label class="small row" style={{ gap: '.35rem', margin: '0 0 .5rem' }}>
                          <input type="checkbox" checked={cards.every((v) => picked.has(v.id))} onChange={(e) => check(cards.map((v) => v.id), e.currentTarget.checked)} data-testid={'pick-all-' + stage} />
                          {t('forms.select_column', { stage: t('stage.' + stage) })}
                        </label>
                      )}
                      <ul class="plain">
                        {cards.map((v) => (
                          <Card key={v.id} v={v} name={v.name} onMove={move} busy={busy === v.id || bulkBusy} error={errs[v.id]} checked={picked.has(v.id)} onCheck={(e) => check([v.id], e.currentTarget.checked)} />
                        ))}
                      </ul>
                    </div>
                  );
                })}
              </div>
              <p class="muted">
                {OFF.map((s) => t('stage.' + s) + ' ' + state.vols.filter((v) => v.stage === s).length).join(' · ')}
              </p>
              {state.vols.some((v) => v.stage === 'inactive') && (
                <section class="card" aria-labelledby="h-inactive" data-testid="inactive-list">
                  <h2 id="h-inactive">{t('ana.pipe.inactive')}</h2>
                  <ul class="plain">
                    {state.vols
                      .filter((v) => v.stage === 'inactive')
                      .map((v) => (
                        <li key={v.id} data-volunteer={v.id} class="row ana-stage">
                          <Link href={'/analytics/volunteer?id=' + v.id}>{v.name || v.volunteer_no}</Link>
                          <StageTag v={v} onChange={replace} />
                        </li>
                      ))}
                  </ul>
                </section>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
