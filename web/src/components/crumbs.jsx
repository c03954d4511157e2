// crumbs.jsx - the breadcrumbs of a detail page, from the route table: the
// menu section of the list it belongs to, that list (each route's
// `parent`), what the page adds between (a meeting's council, a shift's
// activity) and the item's own name, marked as the current page.
import { t } from '../i18n/index.js';
import { Link } from '../router.jsx';
import { ancestors, mayOpen, useRoute } from '../nav.js';
import { useSession } from '../session.js';

/** `here`: the item's name; `via`: [{href, label}] between the list and it. */
export function Crumbs({ here, via = [] }) {
  const { route, routes } = useRoute();
  const { user } = useSession();
  const chain = route ? ancestors(route, routes) : [];
  const group = chain.length ? chain[0].group : route && route.group;
  return (
    <nav class="crumbs" aria-label={t('nav.crumbs_label')}>
      <ol>
        {group && <li>{t('nav.group.' + group)}</li>}
        {chain.map((r) => (
          <li key={r.path}>{mayOpen(user, r) ? <Link href={r.path}>{t(r.nav)}</Link> : t(r.nav)}</li>
        ))}
        {via.filter((v) => v && v.label).map((v) => (
          <li key={v.href}>
            <Link href={v.href}>{v.label}</Link>
          </li>
        ))}
        {here && <li aria-current="page">{here}</li>}
      </ol>
    </nav>
  );
}
