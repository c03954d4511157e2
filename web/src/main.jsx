// main.jsx - the app: session bootstrap, the shell with navigation by role,
// and the page for the current path.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './app.css';
import { get, post, setUnauthorizedHandler } from './api.js';
import { applyDocument, getLocale, onLocaleChange, setLocale, t } from './i18n/index.js';
import { Link, navigate, useLocation } from './router.jsx';
import { SessionContext, hasRole, roleNames } from './session.js';
import { homeFor, routes } from './routes.js';
import { Loading } from './components/ui.jsx';
import { registerWorker } from './pwa.js';

function LanguageSwitch() {
  const next = getLocale() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" class="btn btn-quiet lang-switch" lang={next} aria-label={t('lang.switch_label')} onClick={() => setLocale(next)}>
      {t('lang.other')}
    </button>
  );
}

function Shell({ user, onLogout, path, children }) {
  const nav = user ? routes.filter((r) => r.nav && (r.navIf ? r.navIf(roleNames(user)) : hasRole(user, r.navRoles || r.roles))) : [];
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <div class="top-row">
          <Link href="/" class="brand">
            <span class="brand-mark" aria-hidden="true">联</span>
            {t('app.name')}
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
        {nav.length > 0 && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {nav.map((r) => (
                <li key={r.path}>
                  <Link href={r.path} aria-current={path === r.path ? 'page' : undefined}>
                    {t(r.nav)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
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
    else if (user && (path === '/' || path === '/login')) navigate(homeFor(roleNames(user)), true);
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
  else body = <route.page key={path} />;

  return (
    <SessionContext.Provider value={{ user, setUser }}>
      <Shell user={user} onLogout={logout} path={path}>
        {body}
      </Shell>
    </SessionContext.Provider>
  );
}

applyDocument();
render(<App />, document.getElementById('app'));
registerWorker();
