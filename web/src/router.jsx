// router.js - client-side routing on the History API. The server answers
// index.html for every non-API path, so any URL here can be reloaded.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set();
const emit = () => listeners.forEach((fn) => fn(location.pathname + location.search));
addEventListener('popstate', emit);

export function navigate(to, replace = false) {
  if (to === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  emit();
  scrollTo(0, 0);
}

/** The current path and query, re-rendering on change. */
export function useLocation() {
  const [loc, setLoc] = useState(location.pathname + location.search);
  useEffect(() => {
    listeners.add(setLoc);
    return () => listeners.delete(setLoc);
  }, []);
  return loc;
}

export function queryParam(name) {
  return new URLSearchParams(location.search).get(name);
}

/** An <a> that navigates without a page load (modified clicks behave normally). */
export function Link({ href, children, ...rest }) {
  const onClick = (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
