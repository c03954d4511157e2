// import.jsx - reading an office's sheet of people (POST /imports): choose
// what the sheet holds and what to do with people already known, pick a
// CSV or XLSX file, check it first (a dry run: every bad row by its row
// number, column and message, and what the import would do), then import
// it with a progress bar that follows GET /imports/{id}, and the result.
// Messages of the rows come from the server in the page's language.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatNumber, getLocale, t } from '../i18n/index.js';
import { errorText, FormError } from '../components/form.jsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const POLL_MS = 300;

const finished = (job) => job && (job.status === 'done' || job.status === 'failed');

/** Upload `file` as a job and resolve when it has finished, calling
 * onJob with each state the server reports. */
async function runJob(file, opts, onJob) {
  const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
  const q = new URLSearchParams({
    kind: opts.kind,
    dry_run: String(opts.dryRun),
    on_existing: opts.onExisting,
    all_or_nothing: String(opts.allOrNothing),
    filename: file.name,
    lang: getLocale() === 'en' ? 'en' : 'zh',
  });
  let job = await post('/imports?' + q, file, { 'Content-Type': type });
  onJob(job);
  while (!finished(job)) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await get('/imports/' + job.id);
    onJob(job);
  }
  return job;
}

function Counts({ job, testid }) {
  const items = ['created', 'updated', 'skipped', 'rejected'];
  return (
    <dl class="counts" data-testid={testid}>
      {items.map((k) => (
        <div key={k} data-count={k}>
          <dt>{t('import.count.' + k + (job.dry_run ? '_dry' : ''))}</dt>
          <dd>{formatNumber(job[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

function Errors({ errors }) {
  if (!errors || errors.length === 0) return <p class="muted">{t('import.no_errors')}</p>;
  return (
    <table class="import-table" data-testid="import-errors">
      <caption>{t('import.errors_caption', { n: formatNumber(errors.length) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.col.row')}</th>
          <th scope="col">{t('import.col.column')}</th>
          <th scope="col">{t('import.col.message')}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, i) => (
          <tr key={i} data-row={e.row} class={e.level === 'warning' ? 'muted' : undefined}>
            <td>{e.row}</td>
            <td>{e.column || '—'}</td>
            <td>{(e.level === 'warning' ? t('import.warning') + ' ' : '') + e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Progress({ job }) {
  const total = job.total || 0;
  return (
    <div class="field" data-testid="import-progress">
      <label for="import-bar">{t('import.progress', { done: formatNumber(job.progress || 0), total: formatNumber(total) })}</label>
      <progress id="import-bar" max={total || 1} value={job.progress || 0} />
    </div>
  );
}

export function Import() {
  const [kind, setKind] = useState('people');
  const [onExisting, setOnExisting] = useState('skip');
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [file, setFile] = useState(null);
  const [preview, setPreview] = useState(null);	// the finished dry run
  const [job, setJob] = useState(null);		// the real import, live
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  // a new choice invalidates the preview
  useEffect(() => {
    setPreview(null);
    setJob(null);
  }, [file, kind, onExisting, allOrNothing]);

  const go = async (dryRun) => {
    if (!file) return setError(t('import.pick_file'));
    setBusy(true);
    setError(null);
    try {
      const opts = { kind, dryRun, onExisting, allOrNothing };
      if (dryRun) setPreview(await runJob(file, opts, () => {}));
      else await runJob(file, opts, setJob);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="stack import-page">
      <h1>{t('import.title')}</h1>
      <p class="muted">{t('import.intro')}</p>
      <form class="card stack" data-testid="import-form" onSubmit={(e) => { e.preventDefault(); go(true); }}>
        <div class="field">
          <label for="import-kind">{t('import.kind')}</label>
          <select id="import-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="people">{t('import.kind.people')}</option>
            <option value="clients">{t('import.kind.clients')}</option>
          </select>
        </div>
        <div class="field">
          <label for="import-existing">{t('import.on_existing')}</label>
          <select id="import-existing" value={onExisting} onChange={(e) => setOnExisting(e.currentTarget.value)}>
            <option value="skip">{t('import.on_existing.skip')}</option>
            <option value="update">{t('import.on_existing.update')}</option>
          </select>
        </div>
        <div class="field">
          <label class="check">
            <input type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.currentTarget.checked)} />{' '}
            {t('import.all_or_nothing')}
          </label>
        </div>
        <div class="field">
          <label for="import-file">{t('import.file')}</label>
          <input id="import-file" type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.currentTarget.files[0] || null)} />
          <p class="hint">{t(kind === 'clients' ? 'import.file_hint.clients' : 'import.file_hint')}</p>
        </div>
        <FormError text={error} />
        <button type="submit" class="btn btn-primary" disabled={busy || !file}>
          {t('import.check')}
        </button>
      </form>

      {preview && (
        <section class="card stack" data-testid="import-preview" aria-live="polite">
          <h2>{t(preview.status === 'done' ? 'import.preview' : 'import.preview_failed')}</h2>
          {preview.message && <p class="error">{preview.message}</p>}
          <Counts job={preview} testid="preview-counts" />
          <Errors errors={preview.errors} />
          {preview.status === 'done' && !job && (
            <button type="button" class="btn btn-primary" disabled={busy} onClick={() => go(false)}>
              {t(kind === 'clients' ? 'import.run.clients' : 'import.run', { n: formatNumber(preview.created + preview.updated) })}
            </button>
          )}
        </section>
      )}

      {job && (
        <section class="card stack" data-testid="import-result" aria-live="polite">
          <h2>{t(!finished(job) ? 'import.running' : job.status === 'done' ? 'import.done' : 'import.failed')}</h2>
          <Progress job={job} />
          {finished(job) && (
            <>
              {job.message && <p class="error">{job.message}</p>}
              <Counts job={job} testid="result-counts" />
              <Errors errors={job.errors} />
              <p>
                <a href={'/people'}>{t('import.see_people')}</a>
              </p>
            </>
          )}
        </section>
      )}
    </section>
  );
}
