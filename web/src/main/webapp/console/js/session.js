// The signed-in user's token, kept for this browser tab only (sessionStorage), and the roles it carries.
const KEY = 'lakehouse.token';

export function token() {
    return sessionStorage.getItem(KEY);
}

export function signIn(value) {
    sessionStorage.setItem(KEY, value.trim());
}

// GraphiQL's own storage (its StorageAPI namespace): the editors' query and variables, tabs and history.
const GRAPHIQL_PREFIX = 'graphiql:';

export function signOut() {
    sessionStorage.removeItem(KEY);
    // GraphiQL keeps its editors and history in localStorage, which outlives the tab: variables may hold row
    // data, and the next user of this browser must not find them.
    for (const key of Object.keys(localStorage)) {
        if (key.startsWith(GRAPHIQL_PREFIX)) {
            localStorage.removeItem(key);
        }
    }
}

/** The token's claims, read without verifying it: only to show the user and hide what the server would refuse. */
export function claims(value = token()) {
    if (!value) {
        return null;
    }
    const parts = value.split('.');
    if (parts.length !== 3) {
        return null;
    }
    try {
        const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
        const padded = base64 + '='.repeat((4 - base64.length % 4) % 4);
        const bytes = Uint8Array.from(atob(padded), c => c.charCodeAt(0));
        return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
        return null;
    }
}

export function roles() {
    const c = claims();
    return new Set(c && Array.isArray(c.groups) ? c.groups : []);
}

/** True when the user has one of the roles (a space-separated list, as in the nav's data-roles). */
export function hasAnyRole(list) {
    const mine = roles();
    return list.split(/\s+/).some(role => mine.has(role));
}

export function expired(value = token()) {
    const c = claims(value);
    return !c || (typeof c.exp === 'number' && c.exp * 1000 <= Date.now());
}

export function userName() {
    const c = claims();
    return c ? (c.preferred_username || c.upn || c.sub || 'unknown user') : '';
}

/** Who may do what in the console: mirrors the server's OperationRoles table (the server still decides). */
export const can = {
    operateJobs: () => hasAnyRole('operator admin'),
    readRows: () => hasAnyRole('analyst researcher admin'),
    readCatalog: () => hasAnyRole('viewer analyst researcher operator admin'),
    readAudit: () => hasAnyRole('auditor'),
    verifyChain: () => hasAnyRole('auditor admin'),
};
