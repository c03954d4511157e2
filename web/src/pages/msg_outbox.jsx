// msg_outbox.jsx - 消息发送, the outbox for platform admins (GET /outbox,
// issue 17): every SMS and e-mail the senders deliver, newest first, with
// its status, tries, last error and the masked recipient, filtered by status
// and channel a page at a time; a failed message can be sent again
// (POST /outbox/{id}/resend), which queues it with no tries.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { FieldWrap, FormError, errorText } from '../components/form.jsx';
import { Loading } from '../components/ui.jsx';

const PAGE = 50;
const STATES = ['', 'failed', 'queued', 'delivered'];
const CHANNELS = ['', 'sms', 'email'];

function query(f, cursor) {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (f.status) q.set('status', f.status);
  if (f.channel) q.set('channel', f.channel);
  if (cursor) q.set('cursor', cursor);
  return '/outbox?' + q;
}

function Choice({ name, label, value, options, onChange, text }) {
  const id = 'f-' + name;
  return (
    <FieldWrap id={id} name={name} label={label}>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o ? text(o) : t('msg.all')}
          </option>
        ))}
      </select>
    </FieldWrap>
  );
}

function Message({ m, onResent }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const resend = async () => {
    setBusy(true);
    setError('');
    try {
      onResent(await post(`/outbox/${m.id}/resend`));
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(false);
  };
  return (
    <li class="list-item" style={{ flexDirection: 'column', alignItems: 'stretch' }} data-message={m.id} data-status={m.status}>
      <div>
        <span class="mono small">#{m.id}</span> <strong>{t('msg.channel.' + m.channel)}</strong> · <span data-testid="to">{m.to || t('msg.no_recipient')}</span> ·{' '}
        <span class={'badge badge-' + m.status}>{t('msg.status.' + m.status)}</span>
        {m.priority > 0 && <span class="badge"> {t('msg.urgent')}</span>}
      </div>
      <span>{m.subject}</span>
      <span class="muted small">
        {t('msg.created', { at: formatDateTime(m.created_at) })} · {t('msg.attempts', { n: m.attempts })}
        {m.sent_at && ' · ' + t('msg.sent', { at: formatDateTime(m.sent_at) })}
        {m.status === 'queued' && m.next_at && ' · ' + t('msg.next', { at: formatDateTime(m.next_at) })}
      </span>
      {m.last_error && (
        <p class="small error" data-testid="last-error">
          {t('msg.last_error')}: <span class="mono">{m.last_error}</span>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {m.status === 'failed' && (
        <div>
          <button type="button" class="btn" disabled={busy} onClick={resend} aria-label={t('msg.resend_one', { id: m.id })}>
            {t('msg.resend')}
          </button>
        </div>
      )}
    </li>
  );
}

export function Outbox() {
  const [filters, setFilters] = useState({ status: 'failed', channel: '' });
  const [state, setState] = useState({ loading: true, items: [] });
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const set = (k) => (v) => setFilters((f) => ({ ...f, [k]: v }));

  const load = async (cursor, f = filters) => {
    setError('');
    try {
      const r = await get(query(f, cursor));
      setState((s) => ({ items: cursor ? [...s.items, ...r.items] : r.items, next: r.next_cursor }));
    } catch (err) {
      if (err.status === 403) return setState({ forbidden: errorText(err), items: [] });
      setError(errorText(err));
      setState((s) => ({ ...s, loading: false }));
    }
  };
  useEffect(() => {
    load();
  }, []);
  const resent = (m) => {
    setDone(t('msg.resent', { id: m.id }));
    setState((s) => ({ ...s, items: s.items.map((x) => (x.id === m.id ? m : x)) }));
  };

  if (state.forbidden)
    return (
      <section class="card" role="alert" data-testid="outbox-forbidden">
        <h1>{t('msg.title')}</h1>
        <p class="error">{state.forbidden}</p>
      </section>
    );
  return (
    <div class="stack">
      <h1>{t('msg.title')}</h1>
      <p class="muted">{t('msg.intro')}</p>
      <form class="card" onSubmit={(e) => (e.preventDefault(), setDone(''), load())} noValidate aria-label={t('msg.filters')}>
        <FormError text={error} />
        <div class="row">
          <div style={{ flex: '1 1 140px' }}>
            <Choice name="status" label={t('msg.status_label')} value={filters.status} options={STATES} onChange={set('status')} text={(o) => t('msg.status.' + o)} />
          </div>
          <div style={{ flex: '1 1 140px' }}>
            <Choice name="channel" label={t('msg.channel_label')} value={filters.channel} options={CHANNELS} onChange={set('channel')} text={(o) => t('msg.channel.' + o)} />
          </div>
        </div>
        <button type="submit" class="btn btn-primary">
          {t('msg.filter')}
        </button>
      </form>
      {done && (
        <p class="card success" role="status">
          {done}
        </p>
      )}
      <section class="card" aria-labelledby="h-outbox">
        <h2 id="h-outbox">{t('msg.messages')}</h2>
        {state.loading ? (
          <Loading />
        ) : state.items.length === 0 ? (
          <p class="muted">{t('msg.none')}</p>
        ) : (
          <ul class="list" data-testid="outbox">
            {state.items.map((m) => (
              <Message key={m.id} m={m} onResent={resent} />
            ))}
          </ul>
        )}
        {state.next && (
          <button type="button" class="btn" onClick={() => load(state.next)}>
            {t('msg.load_more')}
          </button>
        )}
      </section>
    </div>
  );
}
