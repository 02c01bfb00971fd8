// The console's shell: sign-in, navigation by URL hash (#/executions, #/jobs/...), errors and notices.
import * as session from './session.js';
import * as oidc from './oidc.js';
import { graphql, ApiError } from './api.js';
import { clear } from './dom.js';
import executions from './pages/executions.js';
import jobs from './pages/jobs.js';
import assets from './pages/assets.js';
import lineage from './pages/lineage.js';
import audit from './pages/audit.js';

const PAGES = { executions, jobs, assets, lineage, audit };
const $ = id => document.getElementById(id);
let current = null;
/** An error to show on the page a refused route redirects to (the redirect clears messages). */
let carried = null;
/** The OIDC provider the server offers, once asked (null: tokens are pasted). */
let provider = null;

export function showError(error) {
    const box = $('error');
    box.textContent = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    box.hidden = false;
    if (error && error.code === 'unauthenticated') {
        session.signOut();
        render();
    }
}

export function showNotice(text) {
    $('error').hidden = true;
    const box = $('notice');
    box.textContent = text;
    box.hidden = false;
    setTimeout(() => { if (box.textContent === text) box.hidden = true; }, 6000);
}

export function clearMessages() {
    $('error').hidden = true;
    $('notice').hidden = true;
}

/** The page a signed-in user lands on: the first one the roles allow. */
function defaultPage() {
    const link = [...document.querySelectorAll('#nav a[data-page]')].find(a => !a.hidden);
    return link ? link.dataset.page : null;
}

function route() {
    const [name, ...rest] = (location.hash || '').replace(/^#\/?/, '').split('/');
    return { name, args: rest.map(decodedOrAsWritten) };
}

/**
 * A hash argument percent-decoded; one that is not valid percent-encoding (a link cut short, a stray '%') is kept
 * as written, so that the page asks for it and shows the server's refusal instead of leaving itself blank.
 */
function decodedOrAsWritten(arg) {
    try {
        return decodeURIComponent(arg);
    } catch (e) {
        return arg;
    }
}

async function render() {
    if (current && current.leave) {
        current.leave();
    }
    current = null;
    const signedIn = session.token() && !session.expired();
    $('sign-in').hidden = signedIn;
    $('nav').hidden = !signedIn;
    $('who').hidden = !signedIn;
    const page = clear($('page'));
    page.hidden = !signedIn;
    if (!signedIn) {
        if (session.token()) {
            session.signOut();
            showError(new Error('Your token has expired. Sign in again.'));
        }
        $('token').focus();
        return;
    }
    $('who-name').textContent = session.userName() + ' (' + [...session.roles()].join(', ') + ')';
    for (const link of document.querySelectorAll('#nav a[data-page]')) {
        link.hidden = !session.hasAnyRole(link.dataset.roles);
    }
    let { name, args } = route();
    const link = document.querySelector(`#nav a[data-page="${CSS.escape(name || '')}"]`);
    if (!PAGES[name] || !link || link.hidden) {
        const fallback = defaultPage();
        if (!fallback) {
            page.textContent = 'Your roles give access to no page of this console. GraphiQL is still open to you.';
            return;
        }
        if (name && PAGES[name]) {
            carried = new Error('Your roles do not allow the ' + name + ' page.');
        }
        location.replace('#/' + fallback);
        return;
    }
    for (const a of document.querySelectorAll('#nav a')) {
        a.classList.toggle('active', a.dataset.page === name);
    }
    if (carried) {
        showError(carried);
        carried = null;
    }
    current = PAGES[name];
    try {
        await current.enter(page, args);
    } catch (e) {
        showError(e);
    }
}

$('sign-in-form').addEventListener('submit', async event => {
    event.preventDefault();
    clearMessages();
    const value = $('token').value.trim();
    if (session.claims(value) === null) {
        showError(new Error('That is not a token: a token has three parts separated by dots (header.claims.signature).'));
        return;
    }
    if (session.expired(value)) {
        showError(new Error('That token has expired. Ask for a new one.'));
        return;
    }
    session.signIn(value);
    try {
        await graphql('{ __typename }');
    } catch (e) {
        session.signOut();
        showError(e);
        return;
    }
    $('token').value = '';
    render();
});

$('sign-out').addEventListener('click', async () => {
    clearMessages();
    if (await oidc.signOut(provider)) {
        return;
    }
    location.hash = '';
    render();
});

$('oidc-sign-in-button').addEventListener('click', () => {
    clearMessages();
    oidc.signIn(provider).catch(showError);
});

/** Offers the provider's sign-in when the server names one, and finishes a sign-in the provider sent back here. */
async function start() {
    provider = await oidc.provider();
    if (provider) {
        $('oidc-sign-in-button').textContent = 'Sign in with ' + provider.issuer;
        $('oidc-sign-in').hidden = false;
    }
    if (oidc.isCallback()) {
        if (!provider) {
            history.replaceState(null, '', oidc.redirectUri());
            showError(new Error('This server offers no sign-in provider any more: paste a token.'));
        } else {
            try {
                await oidc.completeSignIn(provider);
                await graphql('{ __typename }');
            } catch (e) {
                session.signOut();
                showError(e);
            }
        }
    }
    render();
}

window.addEventListener('hashchange', () => {
    clearMessages();
    render();
});

start();
