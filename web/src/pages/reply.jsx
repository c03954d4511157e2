// reply.jsx - /r#<token>, the answer link of a call-out e-mail (issue 17):
// no sign-in; the token is read from the fragment (never sent in a URL to
// any server or log), the address bar is cleaned, the call-out is shown
// without anyone's personal data (POST /callouts/reply/check) and the
// volunteer accepts or declines once (POST /callouts/reply; a used link is
// 410, an unknown one 404).
import { useEffect, useState } from 'preact/hooks';
import { post } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';

function readToken() {
  const token = location.hash.slice(1);
  if (token) history.replaceState(null, '', location.pathname + location.search);
  return token;
}

function problem(err) {
  if (err.code === 'gone') return err.message && /closed/.test(err.message) ? t('reply.closed') : t('reply.gone');
  if (err.code === 'not_found') return t('reply.unknown');
  return err.message || t('reply.failed');
}

export function ReplyLink() {
  const [token] = useState(readToken);
  const [info, setInfo] = useState(null);
  const [error, setError] = useState(null);
  const [answered, setAnswered] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // another link pasted into this tab: start again with its token
    const again = () => location.hash.length > 1 && location.reload();
    addEventListener('hashchange', again);
    return () => removeEventListener('hashchange', again);
  }, []);
  useEffect(() => {
    if (!token) setError({ code: 'not_found' });
    else post('/callouts/reply/check', { token }).then(setInfo, setError);
  }, [token]);

  const answer = async (a) => {
    setBusy(true);
    try {
      setInfo(await post('/callouts/reply', { token, answer: a }));
      setAnswered(a);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card narrow stack" data-testid="reply">
      <h1>{t('reply.title')}</h1>
      {error && (
        <p class="error" role="alert" data-testid="reply-error">
          {problem(error)}
        </p>
      )}
      {info && (
        <dl class="facts" data-testid="reply-callout">
          <dt>{t('reply.incident')}</dt>
          <dd>{[t('care.etype.' + info.type), info.title].filter(Boolean).join(' · ')}</dd>
          {info.place && (
            <>
              <dt>{t('reply.place')}</dt>
              <dd>{info.place}</dd>
            </>
          )}
          {info.distance_km != null && (
            <>
              <dt>{t('reply.distance')}</dt>
              <dd>{t('reply.km', { n: info.distance_km })}</dd>
            </>
          )}
          <dt>{t('reply.called_at')}</dt>
          <dd>{formatDateTime(info.called_at)}</dd>
          <dt>{t('reply.status')}</dt>
          <dd data-testid="reply-status">{t('care.callout.' + info.status)}</dd>
        </dl>
      )}
      {answered && (
        <p class="status success" role="status" data-testid="reply-done">
          {t(answered === 'accept' ? 'reply.done_accept' : 'reply.done_decline')}
        </p>
      )}
      {info && !answered && !error && (
        <div class="row">
          <button class="btn btn-primary" type="button" disabled={busy} onClick={() => answer('accept')}>
            {t('reply.accept')}
          </button>
          <button class="btn" type="button" disabled={busy} onClick={() => answer('decline')}>
            {t('reply.decline')}
          </button>
        </div>
      )}
    </section>
  );
}
