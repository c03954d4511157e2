// lk_worker.jsx - a client's social worker (个案负责社工): who it is, and
// for org staff a select of the org's social workers to change it (PATCH
// /clients/{id} {social_worker_id}); the API's refusal — a worker below the
// qualification the case's category needs (422 rule_violation), or from
// outside the client's org — is shown next to the field.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { useSession, hasRole } from '../session.js';
import { FormError, errorsFrom } from './form.jsx';
import { SelectField, workerLabel, workerOptions } from './lk_ui.jsx';
import { useLoad } from './ui.jsx';
import { workersWithNames } from '../linkage_data.js';

/** Who may change a client's worker (docs/API.md, Clients: org staff). */
const CHANGERS = ['platform_admin', 'org_admin', 'supervisor', 'social_worker'];

export function ClientWorker({ client, onSaved }) {
  const { user } = useSession();
  const may = hasRole(user, CHANGERS);
  const [state] = useLoad(async () => ({ workers: await workersWithNames(client.org_id) }), [client.org_id]);
  const [value, setValue] = useState(client.social_worker_id ? String(client.social_worker_id) : '');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const workers = state.workers || [];
  const current = workers.find((s) => s.id === client.social_worker_id);

  const submit = async (ev) => {
    ev.preventDefault();
    if (!value) return setErrors({ social_worker_id: t('error.required') });
    setBusy(true);
    setErrors({});
    try {
      onSaved(await api('PATCH', '/clients/' + client.id, { social_worker_id: Number(value) }));
    } catch (err) {
      setErrors(errorsFrom(err, ['social_worker_id']));
    }
    setBusy(false);
  };

  return (
    <section class="card" data-testid="client-worker">
      <h2>{t('lk.client.worker')}</h2>
      <p data-testid="client-worker-name">
        {client.social_worker_id ? (current ? workerLabel(current) : t('lk.sw_n', { id: client.social_worker_id })) : t('lk.client.no_worker')}
      </p>
      {may && state.workers && (
        <form onSubmit={submit} noValidate>
          <FormError text={errors._form} />
          <SelectField
            name="social_worker_id"
            label={t('lk.client.change')}
            value={value}
            onInput={(v) => (setValue(v), setErrors({}))}
            options={workerOptions(workers)}
            error={errors.social_worker_id}
            placeholder={t('lk.choose_worker')}
            hint={t('lk.client.hint')}
          />
          <button type="submit" class="btn btn-primary" disabled={busy || Number(value) === client.social_worker_id}>
            {busy ? t('lk.saving') : t('lk.save')}
          </button>
        </form>
      )}
    </section>
  );
}
