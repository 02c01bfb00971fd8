// Sign-in through the OIDC provider named by jwt_issuer: the authorization code flow with PKCE (S256) of a public
// client, all in this tab. What the flow keeps between the redirects (verifier, state, the page to come back to)
// and the tokens it gets live in sessionStorage only; no token is ever logged or put in a URL except the ID token
// as the logout hint the provider asks for. The code is traded at the discovery document's token endpoint, or at
// oidc_token_endpoint when the server names one (a provider that serves it on another origin than its issuer's: the
// console's Content-Security-Policy lets it fetch from the issuer's origin and, when set, oidc_token_endpoint's,
// no other).
import * as session from './session.js';

const FLOW = 'lakehouse.oidc.flow';
const ID_TOKEN = 'lakehouse.oidc.idToken';
const SETTINGS = new URL('../settings.json', import.meta.url).href;

/**
 * The provider the server offers ({issuer, clientId} and, when oidc_token_endpoint is set, tokenEndpoint), or null
 * when the console only takes pasted tokens.
 */
export async function provider() {
    try {
        const response = await fetch(SETTINGS, { cache: 'no-store' });
        if (!response.ok) {
            return null;
        }
        const body = await response.json();
        return body && body.oidc && body.oidc.issuer && body.oidc.clientId ? body.oidc : null;
    } catch (e) {
        return null;
    }
}

/** The console's own address, without query or hash: the redirect URI registered at the provider. */
export function redirectUri() {
    return location.origin + location.pathname;
}

async function discover(issuer, tokenEndpoint) {
    let response;
    try {
        response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
    } catch (e) {
        throw new Error('The sign-in provider ' + issuer + ' cannot be reached. Try again later, or paste a token.');
    }
    if (!response.ok) {
        throw new Error('The sign-in provider ' + issuer + ' answered ' + response.status
            + ' for its configuration. Tell an administrator (jwt_issuer may be wrong).');
    }
    const config = await response.json();
    if (!config.authorization_endpoint || !(tokenEndpoint || config.token_endpoint)) {
        throw new Error('The sign-in provider ' + issuer + ' does not offer the authorization code flow.');
    }
    return config;
}

function base64url(bytes) {
    let text = '';
    for (const b of new Uint8Array(bytes)) {
        text += String.fromCharCode(b);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(length) {
    return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

/** Leaves for the provider's login page; comes back to this page with ?code=…&state=…. */
export async function signIn(oidc) {
    if (!window.isSecureContext || !crypto.subtle) {
        throw new Error('Signing in through the provider needs the console over https (or on localhost). Paste a token instead.');
    }
    const config = await discover(oidc.issuer, oidc.tokenEndpoint);
    const verifier = random(32);
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const state = random(16);
    sessionStorage.setItem(FLOW, JSON.stringify({ state, verifier, hash: location.hash, tokenEndpoint: oidc.tokenEndpoint || config.token_endpoint }));
    const query = new URLSearchParams({
        response_type: 'code',
        client_id: oidc.clientId,
        redirect_uri: redirectUri(),
        scope: 'openid',
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
    });
    location.assign(config.authorization_endpoint + '?' + query);
}

/** True when this page load is the provider's answer (a code or an error in the query string). */
export function isCallback() {
    const query = new URLSearchParams(location.search);
    return query.has('state') && (query.has('code') || query.has('error'));
}

/**
 * Finishes a sign-in: checks the state, trades the code for tokens, keeps the access token as the session's token.
 * The query string is removed first, so a reload never replays the code.
 */
export async function completeSignIn(oidc) {
    const query = new URLSearchParams(location.search);
    const flow = JSON.parse(sessionStorage.getItem(FLOW) || 'null');
    sessionStorage.removeItem(FLOW);
    history.replaceState(null, '', redirectUri() + (flow && flow.hash ? flow.hash : ''));
    if (!flow || query.get('state') !== flow.state) {
        throw new Error('That sign-in answer does not belong to a sign-in started in this tab. Sign in again.');
    }
    if (query.has('error')) {
        throw new Error('The sign-in provider refused: ' + (query.get('error_description') || query.get('error')) + '.');
    }
    let response;
    try {
        response = await fetch(flow.tokenEndpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                grant_type: 'authorization_code',
                code: query.get('code'),
                redirect_uri: redirectUri(),
                client_id: oidc.clientId,
                code_verifier: flow.verifier,
            }),
        });
    } catch (e) {
        throw new Error('The sign-in provider cannot be reached to finish signing in. Try again.');
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !body || !body.access_token) {
        throw new Error('The sign-in provider did not give a token'
            + (body && body.error_description ? ': ' + body.error_description : '') + '. Sign in again.');
    }
    session.signIn(body.access_token);
    if (body.id_token) {
        sessionStorage.setItem(ID_TOKEN, body.id_token);
    }
}

/**
 * Forgets the tokens; when they came from the provider, also ends the provider's session (so the next sign-in asks
 * for the password again) and comes back here. Returns false when nothing leaves the page.
 */
export async function signOut(oidc) {
    const idToken = sessionStorage.getItem(ID_TOKEN);
    sessionStorage.removeItem(ID_TOKEN);
    session.signOut();
    if (!oidc || !idToken) {
        return false;
    }
    let config;
    try {
        config = await discover(oidc.issuer, oidc.tokenEndpoint);
    } catch (e) {
        return false;
    }
    if (!config.end_session_endpoint) {
        return false;
    }
    const query = new URLSearchParams({ id_token_hint: idToken, client_id: oidc.clientId, post_logout_redirect_uri: redirectUri() });
    location.assign(config.end_session_endpoint + '?' + query);
    return true;
}
