// session.js - who is signed in, shared by every page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const SessionContext = createContext({ user: null, setUser: () => {} });
export const useSession = () => useContext(SessionContext);

/** The role names a user holds ("volunteer", "org_admin", ...). */
export const roleNames = (user) => (user ? [...new Set(user.roles.map((r) => r.role))] : []);

export const hasRole = (user, roles) => !roles || roleNames(user).some((r) => roles.includes(r));
