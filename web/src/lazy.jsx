// lazy.jsx - pages loaded when first opened. web/build.mjs bundles with code
// splitting, so every module reached only through import() is its own chunk:
// the volunteer's first page loads the shell and the volunteer pages, not the
// staff pages (docs/BENCHMARKS.md, "Bundle sizes"). A routes_*.js file
// writes
//   const { ActivityList } = lazyModule(() => import('./pages/staff_activities.jsx'), ['staff', 'forms']);
// where it would import them: each name is a component that fetches the
// module once, together with the message catalogues of the areas named
// (i18n/index.js: loadAreas; the shell's are always there), shows the
// loading state meanwhile and an error with a retry when a chunk cannot be
// fetched (offline before the worker cached it, or a deploy removed it).
// The page renders only once both are in, so t() is synchronous in it and
// never shows a raw key. tests/web/i18n.test.mjs checks that the areas
// named cover every message the module and what it imports use.
import { useEffect, useState } from 'preact/hooks';
import { LoadError, Loading } from './components/ui.jsx';
import { loadAreas } from './i18n/index.js';

/** An object whose every property is a lazy page component of the module
 * `load` imports, with the messages of `areas`. */
export function lazyModule(load, areas = []) {
  let mod = null;
  let promise = null;
  const fetchModule = () => {
    if (!promise)
      promise = Promise.all([load(), loadAreas(areas)]).then(
        ([m]) => (mod = m),
        (err) => {
          promise = null;
          throw err;
        },
      );
    return promise;
  };
  const pages = new Map();
  const page = (name) => {
    function LazyPage(props) {
      const [error, setError] = useState(null);
      const [, setLoaded] = useState(false);
      useEffect(() => {
        if (mod) return;
        let live = true;
        fetchModule().then(
          () => live && setLoaded(true),
          (err) => live && setError(err),
        );
        return () => (live = false);
      }, [error]);
      if (mod) {
        const Page = mod[name];
        if (!Page) throw new Error(`lazyModule: no export ${name}`);
        return <Page {...props} />;
      }
      if (error) return <LoadError error={error} retry={() => setError(null)} />;
      return <Loading />;
    }
    LazyPage.displayName = 'Lazy(' + name + ')';
    return LazyPage;
  };
  return new Proxy(
    {},
    {
      get: (_, name) => {
        if (typeof name !== 'string') return undefined;
        if (!pages.has(name)) pages.set(name, page(name));
        return pages.get(name);
      },
    },
  );
}
