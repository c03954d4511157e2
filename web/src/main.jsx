// main.jsx - the app: session bootstrap, the shell (the menu grouped by
// section, only what the user's roles may use: a side bar on a wide screen,
// a 菜单 panel on a phone, a volunteer's bottom tabs; the switcher of the role
// to act in) and the page for the current path.
import { render } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import './app.css';
import { get, post, setUnauthorizedHandler } from './api.js';
import { applyDocument, getLocale, initLocale, onLocaleChange, setLocale, t } from './i18n/index.js';
import { Link, navigate, useLocation } from './router.jsx';
import { SessionContext, actingIndex, hasRole, roleNames, scopedRoles, setActing } from './session.js';
import { RouteContext, TABS, currentMark, menuFor } from './nav.js';
import { VOLUNTEER, homeFor, routes } from './routes.js';
import { Loading } from './components/ui.jsx';
import { registerWorker } from './pwa.js';

/** The switch to the other language: it waits for that language's
 * messages (fetched the first time) and only then redraws the page in it;
 * busy meanwhile, and left as it was when they cannot be fetched. */
function LanguageSwitch() {
  const next = getLocale() === 'zh-CN' ? 'en' : 'zh-CN';
  const [busy, setBusy] = useState(false);
  const onClick = () => {
    if (busy) return;
    setBusy(true);
    setLocale(next).then(
      () => setBusy(false),
      () => setBusy(false),
    );
  };
  return (
    <button type="button" class="btn btn-quiet lang-switch" lang={next} aria-label={t('lang.switch_label')} aria-busy={busy ? 'true' : undefined} onClick={onClick}>
      {t('lang.other')}
    </button>
  );
}

/** A role as the switcher names it: the role and its org's or region's name. */
function roleLabel(r, names) {
  const scope = r.org_id ? names['o' + r.org_id] : r.region_id ? names['r' + r.region_id] : null;
  return scope ? t('nav.acting_as', { role: t('role.' + r.role), scope }) : t('role.' + r.role);
}

/** The names of the orgs and regions of the user's roles, asked once: {o12: name, r3: name}. */
function useScopeNames(user) {
  const [names, setNames] = useState({});
  useEffect(() => {
    if (!user) return undefined;
    let live = true;
    const keys = [...new Set(scopedRoles(user).map((r) => (r.org_id ? 'o' + r.org_id : 'r' + r.region_id)))];
    Promise.all(
      keys.map((k) =>
        get((k[0] === 'o' ? '/orgs/' : '/regions/') + k.slice(1)).then(
          (x) => [k, x.name],
          () => [k, '#' + k.slice(1)],
        ),
      ),
    ).then((pairs) => live && setNames(Object.fromEntries(pairs)));
    return () => {
      live = false;
    };
  }, [user && user.id]);
  return names;
}

/** The role to act in, for a user whose roles span several orgs or regions. */
function ActingSwitch({ user, acting, onActing }) {
  const names = useScopeNames(user);
  const scopes = new Set(scopedRoles(user).map((r) => r.org_id + ':' + r.region_id));
  if (scopes.size < 2) return null;
  return (
    <div class="acting">
      <label for="acting-role">{t('nav.acting')}</label>
      <select id="acting-role" value={String(acting)} onChange={(e) => onActing(Number(e.currentTarget.value))}>
        {user.roles.map((r, i) => (
          <option key={i} value={String(i)}>
            {roleLabel(r, names)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The grouped menu: a side bar on a wide screen, a panel the 菜单 button opens on a phone. */
function Menu({ groups, path, route, open }) {
  return (
    <nav id="site-menu" class={'side' + (open ? ' side-open' : '')} aria-label={t('nav.label')}>
      {groups.map(({ group, items }) => (
        <section key={group} class="side-group" aria-labelledby={'nav-g-' + group}>
          <h2 id={'nav-g-' + group} class="side-title">
            {t('nav.group.' + group)}
          </h2>
          <ul>
            {items.map((r) => (
              <li key={r.path}>
                <Link href={r.path} aria-current={currentMark(r, path, route, routes)}>
                  {t(r.nav)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

/** The volunteer's four tabs at the bottom of a phone's screen. */
function Tabs({ path }) {
  return (
    <nav class="tabs" aria-label={t('nav.tabs_label')}>
      <ul>
        {TABS.map((tab) => (
          <li key={tab.path}>
            <Link href={tab.path} aria-current={path === tab.path ? 'page' : undefined}>
              {t(tab.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Shell({ user, onLogout, path, route, acting, onActing, children }) {
  const groups = menuFor(user, routes);
  const [open, setOpen] = useState(false);
  const tabs = user && roleNames(user).includes('volunteer');
  useEffect(() => setOpen(false), [path]);
  // A layout effect, so Escape works from the moment the menu shows: a plain
  // effect waits for the next frame, and a quick Escape fell through.
  useLayoutEffect(() => {
    if (!open) return undefined;
    const onKey = (e) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      document.getElementById('menu-button')?.focus();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <div class="top-row">
          {groups.length > 0 && (
            <button
              type="button"
              id="menu-button"
              class="btn btn-quiet menu-button"
              aria-expanded={open ? 'true' : 'false'}
              aria-controls="site-menu"
              onClick={() => setOpen(!open)}
            >
              {t('nav.menu')}
            </button>
          )}
          <Link href="/" class="brand">
            <span class="brand-mark" aria-hidden="true">联</span>
            <span class="brand-name">{t('app.name')}</span>
          </Link>
          <div class="top-actions">
            <LanguageSwitch />
            {user && (
              <button type="button" class="btn btn-quiet" onClick={onLogout}>
                {t('nav.logout')}
              </button>
            )}
          </div>
        </div>
        {user && <ActingSwitch user={user} acting={acting} onActing={onActing} />}
      </header>
      <div class={'layout' + (groups.length ? ' layout-nav' : '') + (tabs ? ' layout-tabs' : '')}>
        {groups.length > 0 && <Menu groups={groups} path={path} route={route} open={open} />}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      {tabs && <Tabs path={path} />}
    </>
  );
}

function NotFound() {
  return (
    <section class="card">
      <h1>{t('page.not_found')}</h1>
      <Link href="/">{t('page.go_home')}</Link>
    </section>
  );
}

function Forbidden() {
  return (
    <section class="card">
      <h1>{t('page.forbidden')}</h1>
      <Link href="/">{t('page.go_home')}</Link>
    </section>
  );
}

function App() {
  const loc = useLocation();
  const [, setLoc] = useState(getLocale());
  const [user, setUser] = useState(undefined); // undefined: still asking
  const [, setTick] = useState(0);
  const acting = actingIndex(user); // kept in localStorage per user
  const onActing = (i) => {
    setActing(user, i);
    setTick((n) => n + 1);
  };
  useEffect(() => onLocaleChange(setLoc), []);
  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    get('/me').then(setUser, () => setUser(null));
  }, []);

  const path = loc.split('?')[0];
  const route = routes.find((r) => r.path === path || (r.prefix && path.startsWith(r.path + '/')));

  useEffect(() => {
    if (user === undefined) return;
    if (user === null && !(route && route.public)) navigate('/login?next=' + encodeURIComponent(loc), true);
    // /my is also the installed app's start page (manifest start_url): whoever
    // is not a volunteer starts on their own home instead.
    else if (user && (path === '/' || path === '/login' || (path === '/my' && !hasRole(user, VOLUNTEER))))
      navigate(homeFor(roleNames(user)), true);
  }, [user, loc]);

  const logout = async () => {
    try {
      await post('/logout');
    } catch {
      /* the session is gone either way */
    }
    setUser(null);
    navigate('/login', true);
  };

  let body;
  if (user === undefined || (user === null && !(route && route.public))) body = <Loading />;
  else if (!route) body = path === '/' ? <Loading /> : <NotFound />;
  else if (!route.public && !hasRole(user, route.roles)) body = <Forbidden />;
  else body = <route.page key={path + '#' + acting} />; // a new scope loads the page afresh

  return (
    <SessionContext.Provider value={{ user, setUser, acting }}>
      <RouteContext.Provider value={{ route, routes }}>
        <Shell user={user} onLogout={logout} path={path} route={route} acting={acting} onActing={onActing}>
          {body}
        </Shell>
      </RouteContext.Provider>
    </SessionContext.Provider>
  );
}

// English, when it was chosen last time, is fetched before anything is drawn.
initLocale().then(() => {
  applyDocument();
  render(<App />, document.getElementById('app'));
});
registerWorker();
