// export.jsx - the export page for staff: choose what to export (people,
// volunteers, social workers, service records, the hours summary, or the
// national record layouts), the format (CSV or XLSX), the CSV encoding
// (UTF-8 for current Excel and WPS, GB18030 for older Excel) and the
// filters the list endpoints take; the download is a plain link to
// GET /api/v1/exports/{kind}, which the session cookie authenticates. The
// server scopes and masks the rows as the lists do and writes the export to
// the audit log.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { t } from '../i18n/index.js';
import { useLoad } from '../components/ui.jsx';

export const KINDS = ['people', 'volunteers', 'social-workers', 'service-records', 'hours', 'national-volunteers', 'national-service-records'];
const RECORD_KINDS = ['service-records', 'national-service-records'];
const STAGE_KINDS = ['volunteers', 'hours', 'national-volunteers'];
const STAGES = ['applied', 'trial', 'initial_training', 'selection', 'interview', 'skills_training', 'registered', 'rejected', 'withdrawn', 'inactive'];

/** The export URL for the choices made (empty filters left out). */
export function exportUrl({ kind, format, encoding, org, year, status, stage }) {
  const q = new URLSearchParams({ format });
  if (format === 'csv' && encoding !== 'utf-8') q.set('encoding', encoding);
  if (org) q.set('org_id', org);
  if (RECORD_KINDS.includes(kind) && year) q.set('year', year);
  if (kind === 'service-records' && status) q.set('status', status);
  if (STAGE_KINDS.includes(kind) && stage) q.set('stage', stage);
  return '/api/v1/exports/' + kind + '?' + q.toString();
}

function Select({ id, label, value, onChange, children, hint }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={id} value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-describedby={hint ? id + '-hint' : undefined}>
        {children}
      </select>
      {hint && (
        <p class="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function Export() {
  const [c, setC] = useState({ kind: 'volunteers', format: 'csv', encoding: 'utf-8', org: '', year: '', status: '', stage: '' });
  const set = (k) => (v) => setC({ ...c, [k]: v });
  const [orgs] = useLoad(() => get('/orgs?limit=100'), []);
  const yearOk = c.year === '' || /^(19|20)\d\d$/.test(c.year);
  const url = exportUrl(c);
  return (
    <section class="stack">
      <h1>{t('export.title')}</h1>
      <p class="muted">{t('export.intro')}</p>
      <form class="card" onSubmit={(e) => e.preventDefault()} aria-label={t('export.title')}>
        <Select id="export-kind" label={t('export.kind')} value={c.kind} onChange={set('kind')} hint={t('export.hint.' + c.kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t('export.kind.' + k)}
            </option>
          ))}
        </Select>
        <Select id="export-format" label={t('export.format')} value={c.format} onChange={set('format')}>
          <option value="csv">CSV</option>
          <option value="xlsx">Excel (XLSX)</option>
        </Select>
        {c.format === 'csv' && (
          <Select id="export-encoding" label={t('export.encoding')} value={c.encoding} onChange={set('encoding')}>
            <option value="utf-8">{t('export.encoding.utf8')}</option>
            <option value="gb18030">{t('export.encoding.gb18030')}</option>
          </Select>
        )}
        <Select id="export-org" label={t('export.org')} value={c.org} onChange={set('org')}>
          <option value="">{t('export.org.all')}</option>
          {(orgs.items || []).map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.name}
            </option>
          ))}
        </Select>
        {STAGE_KINDS.includes(c.kind) && (
          <Select id="export-stage" label={t('export.stage')} value={c.stage} onChange={set('stage')}>
            <option value="">{t('export.stage.all')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t('export.stage.' + s)}
              </option>
            ))}
          </Select>
        )}
        {c.kind === 'service-records' && (
          <Select id="export-status" label={t('export.status')} value={c.status} onChange={set('status')}>
            <option value="">{t('export.status.all')}</option>
            {['recorded', 'verified', 'voided'].map((s) => (
              <option key={s} value={s}>
                {t('export.status.' + s)}
              </option>
            ))}
          </Select>
        )}
        {RECORD_KINDS.includes(c.kind) && (
          <div class={'field' + (yearOk ? '' : ' field-invalid')}>
            <label for="export-year">{t('export.year')}</label>
            <input id="export-year" name="year" inputMode="numeric" value={c.year} onInput={(e) => set('year')(e.currentTarget.value.trim())} aria-invalid={yearOk ? undefined : 'true'} aria-describedby={yearOk ? undefined : 'export-year-err'} />
            {!yearOk && (
              <p class="error" id="export-year-err" role="alert">
                {t('export.year.bad')}
              </p>
            )}
          </div>
        )}
        <p class="muted small">{t('export.masked')}</p>
        {yearOk ? (
          <a class="btn" href={url} download data-testid="export-download">
            {t('export.download')}
          </a>
        ) : (
          <button type="button" class="btn" disabled>
            {t('export.download')}
          </button>
        )}
      </form>
    </section>
  );
}
