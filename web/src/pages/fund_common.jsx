// fund_common.jsx - pieces the funds pages share: a list read a page at a
// time (next_cursor), the donation status badge, one donation as a list
// line, the yuan amount field and a checkbox laid out like form.jsx's Field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatMoney, t } from '../i18n/index.js';
import { Link } from '../router.jsx';
import { LoadError, Loading } from '../components/ui.jsx';

const PAGE = 50;

/** The items of a collection `path` (with its own filters), a page at a
 * time: [{loading, items, next, error}, more()]. A new path starts over;
 * an answer for a path no longer shown is dropped. */
export function usePaged(path) {
  const [s, setS] = useState({ loading: true, items: [] });
  const current = useRef(path);
  const load = async (cursor) => {
    const asked = path;
    const sep = path.includes('?') ? '&' : '?';
    try {
      const r = await get(`${path}${sep}limit=${PAGE}${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
      if (current.current === asked) setS((o) => ({ items: cursor ? [...o.items, ...r.items] : r.items, next: r.next_cursor }));
    } catch (error) {
      if (current.current === asked) setS((o) => ({ ...o, loading: false, error }));
    }
  };
  useEffect(() => {
    current.current = path;
    setS({ loading: true, items: [] });
    load();
  }, [path]);
  return [s, () => load(s.next), () => load()];
}

/** What a paged list shows besides its items: loading, failure, "more". */
export function PagedFooter({ s, more, retry }) {
  if (s.loading) return <Loading />;
  return (
    <>
      {s.error && <LoadError error={s.error} retry={retry} />}
      {s.next && (
        <button type="button" class="btn" onClick={more}>
          {t('fund.more')}
        </button>
      )}
    </>
  );
}

export function DonationStatus({ status }) {
  return (
    <span class={'fund-badge fund-status-' + status} data-testid="donation-status">
      {t('fund.dstatus.' + status)}
    </span>
  );
}

export function AnonymousTag() {
  return <span class="misc-tag">{t('fund.anonymous_tag')}</span>;
}

/** One donation in a list: when, how much, from whom, how, its receipt. */
export function DonationLine({ d, fundName }) {
  return (
    <li class="list-item" data-donation={d.id}>
      <div class="list-main">
        <strong>
          <Link href={'/donations/' + d.id}>{formatMoney(d.amount_fen)}</Link> <DonationStatus status={d.status} />
        </strong>
        <span>
          <span data-testid="donor">{d.donor_name || t('fund.no_donor_name')}</span> {d.anonymous && <AnonymousTag />}
        </span>
        <span class="muted small">
          {d.received_on} · {t('fund.channel.' + d.channel)}
          {fundName ? ' · ' + fundName : ''}
          {d.receipt_no ? ' · ' + t('fund.receipt_no_short', { no: d.receipt_no }) : ''}
        </span>
      </div>
    </li>
  );
}

export function DonationItems({ items, funds }) {
  return (
    <ul class="list" data-testid="donations">
      {items.map((d) => (
        <DonationLine key={d.id} d={d} fundName={funds && funds.get(d.fund_id)} />
      ))}
    </ul>
  );
}

/** A labelled checkbox with an optional hint, as a form field. */
export function CheckField({ name, label, hint, checked, onChange, disabled }) {
  const id = 'f-' + name;
  return (
    <div class="field">
      <label class="check" for={id}>
        <input id={id} name={name} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.currentTarget.checked)} aria-describedby={hint ? id + '-hint' : undefined} />
        {label}
      </label>
      {hint && (
        <p class="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function NotFoundCard() {
  return (
    <section class="card">
      <h1>{t('page.not_found')}</h1>
      <Link href="/">{t('page.go_home')}</Link>
    </section>
  );
}
