// Audit (auditor role): recent entries with filters and paging, and the hash chain's verification.
import { graphql, withAllowedFirst, PAGE_SIZES } from '../api.js';
import { h, clear, table, when, isoFromLocal } from '../dom.js';
import { can } from '../session.js';
import { showError } from '../app.js';

const ACTIONS = ['READ', 'WRITE', 'DELETE', 'SCHEMA_CHANGE', 'VERSION_RESTORE', 'MANAGE'];
const OUTCOMES = ['SUCCESS', 'DENIED', 'ERROR', 'FAILED'];
let state = null;

export default {
    async enter(root) {
        state = { root, filter: {}, cursors: [null], pageIndex: 0 };
        const choice = (id, label, values) => h('div', { className: 'field' }, h('label', { for: id }, label),
            h('select', { id }, h('option', { value: '' }, 'any'), values.map(v => h('option', { value: v }, v))));
        const input = (id, label, type = 'text') => h('div', { className: 'field' }, h('label', { for: id }, label), h('input', { id, type }));
        const form = h('form', { className: 'filters', onsubmit: event => {
            event.preventDefault();
            const value = id => form.querySelector('#' + id).value.trim() || null;
            state.filter = { from: isoFromLocal(value('audit-from')), to: isoFromLocal(value('audit-to')), action: value('audit-action'),
                outcome: value('audit-outcome'), resourceId: value('audit-resource'), pseudonym: value('audit-pseudonym') };
            state.cursors = [null];
            state.pageIndex = 0;
            load().catch(showError);
        } },
            input('audit-from', 'From', 'datetime-local'), input('audit-to', 'Before', 'datetime-local'),
            choice('audit-action', 'Action', ACTIONS), choice('audit-outcome', 'Outcome', OUTCOMES),
            input('audit-resource', 'Resource id'), input('audit-pseudonym', 'Pseudonym'),
            h('button', { type: 'submit', className: 'primary' }, 'Apply'));
        clear(root).append(h('h1', {}, 'Audit trail'),
            can.verifyChain() ? h('div', { className: 'card' }, h('div', { className: 'actions' },
                h('button', { id: 'verify-chain', onclick: () => verify().catch(showError) }, 'Verify the hash chain'),
                h('span', { id: 'chain-status', className: 'muted' }, 'not verified in this view yet'))) : null,
            h('div', { className: 'card' }, form, h('div', { id: 'audit-list' })));
        await load();
    },
    leave() {
        state = null;
    },
};

async function verify() {
    const status = document.getElementById('chain-status');
    status.textContent = 'verifying…';
    const data = await graphql('{ auditChain { intact entriesChecked brokenEntries brokenEntryIds } }');
    const c = data.auditChain;
    const named = c.brokenEntries > c.brokenEntryIds.length ? 'the first ' + c.brokenEntryIds.length + ': ' : '';
    status.textContent = c.intact ? 'Intact: ' + c.entriesChecked + ' entries checked.'
        : 'BROKEN: ' + c.brokenEntries + ' of ' + c.entriesChecked + ' entries checked do not verify ('
            + named + c.brokenEntryIds.join(', ') + ').';
    status.className = c.intact ? 'status status-COMPLETED' : 'status status-FAILED';
}

async function load() {
    const filter = Object.fromEntries(Object.entries(state.filter).filter(([, v]) => v));
    const after = state.cursors[state.pageIndex];
    const data = await withAllowedFirst(first => graphql(`query($filter: AuditLogFilterInput, $first: Int!, $after: String) {
        auditLog(filter: $filter, first: $first, after: $after) {
        nodes { id occurredAt pseudonym roles purpose action resourceType resourceId outcome sourceNetwork details } pageInfo { hasNextPage endCursor } } }`,
        { filter, first, after }), PAGE_SIZES.auditEntries);
    if (!state) {
        return;
    }
    const { nodes, pageInfo } = data.auditLog;
    state.cursors.length = state.pageIndex + 1;
    if (pageInfo.hasNextPage) {
        state.cursors.push(pageInfo.endCursor);
    }
    const move = delta => { state.pageIndex += delta; load().catch(showError); };
    clear(document.getElementById('audit-list')).append(
        table(['When', 'Action', 'Resource', 'Outcome', 'Purpose', 'Who', 'Roles', 'Network', 'Details'], nodes.map(e =>
            h('tr', {}, h('td', {}, when(e.occurredAt)), h('td', {}, e.action), h('td', { className: 'wrap' }, e.resourceType + ' ' + (e.resourceId || '')),
                h('td', {}, h('span', { className: 'status status-' + (e.outcome === 'SUCCESS' ? 'COMPLETED' : 'FAILED') }, e.outcome)),
                h('td', {}, e.purpose), h('td', {}, e.pseudonym || ''), h('td', {}, e.roles || ''), h('td', {}, e.sourceNetwork || ''),
                h('td', { className: 'wrap' }, h('code', {}, e.details))))),
        h('div', { className: 'pager' },
            h('button', { disabled: state.pageIndex === 0, onclick: () => move(-1) }, 'Newer'),
            h('button', { disabled: state.pageIndex >= state.cursors.length - 1, onclick: () => move(1) }, 'Older')));
}
