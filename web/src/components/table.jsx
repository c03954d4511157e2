// table.jsx - the staff pages' lists as tables (issue 18): a page of the
// list API at a time on its cursor (docs/API.md "Lists": limit, cursor,
// next_cursor) with "load more", column sorting over the loaded rows,
// loading, empty and error states (the API's message and a retry), and an
// optional checkbox column for bulk actions (BulkBar runs one action over
// the selected rows, one request each, and lists what each did).
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/index.js';
import { errorText } from './form.jsx';
import { Loading, LoadError } from './ui.jsx';
import '../forms.css';

/** GET path?params a page at a time. Returns {items, next, loading, error,
 * more(), reload(), setItems}; items stay across "more". */
export function useCursorList(path, params = {}, limit = 50) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  const [s, setS] = useState({ items: [], next: null, loading: true, error: null });
  const seq = useRef(0);
  const fetchPage = (cursor, append) => {
    const n = ++seq.current;
    setS((o) => ({ ...o, loading: true, error: null, ...(append ? {} : { items: [] }) }));
    const qs = new URLSearchParams(query);
    qs.set('limit', String(limit));
    if (cursor) qs.set('cursor', cursor);
    get(path + '?' + qs).then(
      (page) => n === seq.current && setS((o) => ({ items: append ? [...o.items, ...page.items] : page.items, next: page.next_cursor || null, loading: false, error: null })),
      (error) => n === seq.current && setS((o) => ({ ...o, loading: false, error, retryMore: append })),
    );
  };
  useEffect(() => fetchPage(null, false), [path, query, limit]);
  return {
    ...s,
    more: () => s.next && fetchPage(s.next, true),
    reload: () => (s.retryMore && s.next ? fetchPage(s.next, true) : fetchPage(null, false)),
    setItems: (fn) => setS((o) => ({ ...o, items: fn(o.items) })),
  };
}

const cmp = (a, b) => {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-CN');
};

/** columns: [{key, label, value?(row) (what sorts; default row[key]),
 * render?(row), num?, sortable? (default true)}]. list: useCursorList's.
 * selected/onSelect: a Set of row ids and its setter, for bulk actions;
 * initialSort {key, dir: 1|-1} the order before the user picks one. */
export function DataTable({ list, columns, label, empty, testid, selected, onSelect, rowLabel, initialSort }) {
  const [sort, setSort] = useState(initialSort || { key: null, dir: 1 });
  const valueOf = (c, r) => (c.value ? c.value(r) : r[c.key]);
  let rows = list.items;
  if (sort.key) {
    const c = columns.find((x) => x.key === sort.key);
    rows = [...rows].sort((a, b) => sort.dir * cmp(valueOf(c, a), valueOf(c, b)));
  }
  const by = (key) => setSort((s) => (s.key === key ? { key, dir: -s.dir } : { key, dir: 1 }));
  const allOn = selected && rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggleAll = () => onSelect(allOn ? new Set() : new Set(rows.map((r) => r.id)));
  const toggle = (id) => {
    const n = new Set(selected);
    n.has(id) ? n.delete(id) : n.add(id);
    onSelect(n);
  };
  if (list.error && !list.items.length) return <LoadError error={{ message: errorText(list.error) }} retry={list.reload} />;
  return (
    <div class="stack" data-testid={testid}>
      {list.items.length === 0 && !list.loading ? (
        <p class="card muted" data-testid="table-empty">
          {empty || t('forms.table_empty')}
        </p>
      ) : (
        <div class="dtable-wrap card" style={{ padding: 0 }}>
          <table class="dtable stack-phone">
            <caption class="sr-only">{label}</caption>
            <thead>
              <tr>
                {selected && (
                  <th class="check-col" scope="col">
                    <input type="checkbox" checked={allOn} onChange={toggleAll} aria-label={t('forms.select_all')} data-testid="select-all" />
                  </th>
                )}
                {columns.map((c) => (
                  <th key={c.key} scope="col" class={c.num ? 'num' : undefined} aria-sort={sort.key === c.key ? (sort.dir > 0 ? 'ascending' : 'descending') : c.sortable === false ? undefined : 'none'}>
                    {c.sortable === false ? (
                      c.label
                    ) : (
                      <button type="button" class="sort" onClick={() => by(c.key)} data-sort={c.key}>
                        {c.label}
                        <span aria-hidden="true">{sort.key === c.key ? (sort.dir > 0 ? '▲' : '▼') : '↕'}</span>
                      </button>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-row={r.id}>
                  {selected && (
                    <td class="check-col" data-label={t('forms.select')}>
                      <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('forms.select_row', { name: rowLabel ? rowLabel(r) : r.id })} />
                    </td>
                  )}
                  {columns.map((c) => (
                    <td key={c.key} class={c.num ? 'num' : undefined} data-label={c.label}>
                      {c.render ? c.render(r) : valueOf(c, r) ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.loading && <Loading />}
      {list.error && list.items.length > 0 && <LoadError error={{ message: errorText(list.error) }} retry={list.reload} />}
      <div class="dtable-foot">
        <span class="muted small" role="status" data-testid="table-count">
          {t(list.next ? 'forms.rows_more' : 'forms.rows', { n: formatNumber(list.items.length) })}
        </span>
        {list.next && !list.loading && !list.error && (
          <button type="button" class="btn" onClick={list.more} data-testid="load-more">
            {t('forms.load_more')}
          </button>
        )}
      </div>
    </div>
  );
}

/** A table's name search: a search box and its button; onSearch(text)
 * with the text trimmed. */
export function SearchBox({ id, label, initial, onSearch }) {
  const [text, setText] = useState(initial || '');
  return (
    <form class="row" role="search" onSubmit={(e) => (e.preventDefault(), onSearch(text.trim()))}>
      <label for={id} class="sr-only">
        {label}
      </label>
      <input id={id} type="search" value={text} placeholder={label} onInput={(e) => setText(e.currentTarget.value)} />
      <button class="btn" type="submit">
        {t('people.search_button')}
      </button>
    </form>
  );
}

/** Run fn(item) for each item in turn; resolves to [{item, ok, error}]:
 * one failing does not stop the others. */
export async function runEach(items, fn) {
  const out = [];
  for (const item of items) {
    try {
      await fn(item);
      out.push({ item, ok: true });
    } catch (err) {
      out.push({ item, ok: false, error: errorText(err) });
    }
  }
  return out;
}

/** The bar over a table with selected rows: the count and the action(s)
 * (children); then the results of the last run, per item. */
export function BulkBar({ count, children, results, nameOf, testid = 'bulk' }) {
  const failed = results ? results.filter((r) => !r.ok).length : 0;
  return (
    <div data-testid={testid}>
      <div class="bulk-bar" role="group" aria-label={t('forms.bulk_label')}>
        <span data-testid="bulk-count">{t('forms.selected', { n: formatNumber(count) })}</span>
        {children}
      </div>
      {results && (
        <div role="status" aria-live="polite" data-testid="bulk-results">
          <p class={failed ? 'error' : 'notice'}>{t('forms.bulk_done', { ok: formatNumber(results.length - failed), failed: formatNumber(failed) })}</p>
          <ul class="bulk-results">
            {results.map((r) => (
              <li key={r.item.id} class={r.ok ? 'ok' : 'fail'} data-result={r.item.id} data-ok={r.ok ? 'true' : 'false'}>
                {nameOf(r.item)}：{r.ok ? t('forms.bulk_ok') : r.error}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
