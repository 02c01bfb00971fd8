// Executions: server-side filters and paging; only running executions are polled; detail with steps and actions.
import { graphql, graphqlPartial, withAllowedFirst, PAGE_SIZES } from '../api.js';
import { h, clear, table, when, number, kv, confirmAction, isoFromLocal } from '../dom.js';
import { can } from '../session.js';
import { showError, showNotice } from '../app.js';
import * as progress from '../progress.js';

export const EXECUTION_FIELDS = `executionId jobInstanceId jobId batchStatus exitStatus trigger restartOf interrupted
    startedAt endedAt rejectsFile steps { name batchStatus readCount writeCount skipCount commitCount rollbackCount filterCount expectedReadCount }`;
const POLL_MS = 2000;
// After a failed poll the next waits twice as long as the last, up to this.
const POLL_MAX_MS = 60000;
const POLL_BATCH = 8;
const STATUSES = ['STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'FAILED', 'COMPLETED', 'ABANDONED'];

let state = null;

function fresh(root) {
    return { root, filter: {}, cursors: [null], pageIndex: 0, rows: new Map(), jobs: new Map(), jobsListed: 0,
        jobsCut: false, selected: null, timer: null, pollFailures: 0 };
}

export default {
    async enter(root, args) {
        state = fresh(root);
        if (args[0] === 'job' && args[1]) {
            state.filter.jobId = args[1];
        } else if (args[0]) {
            state.filter.executionId = args[0];
            state.selected = args[0];
        }
        await loadJobs();
        await nameDeepLinkedJob();
        renderShell();
        await loadPage();
    },
    leave() {
        stopPolling();
        state = null;
    },
};

/**
 * The first jobs for the filter (PAGE_SIZES.jobFilter, fewer if graphql_max_page_size is smaller), one request
 * (jobsCut says more exist); their names stay known for this visit. A deep link to a later job still works, and the Job
 * column names the jobs of the rows shown in one more request.
 */
async function loadJobs() {
    const query = 'query($first: Int!) { ingestionJobs(first: $first) { nodes { id name } pageInfo { hasNextPage } } }';
    const data = await withAllowedFirst(first => graphql(query, { first }), PAGE_SIZES.jobFilter);
    const { nodes, pageInfo } = data.ingestionJobs;
    state.jobs = new Map(nodes.map(job => [job.id, job.name]));
    state.jobsListed = nodes.length;
    state.jobsCut = pageInfo.hasNextPage;
}

/**
 * Names the jobs of the rows shown that this visit does not know yet, in one request of aliases (one per job,
 * at most a page). A job that cannot be read (deleted, refused) keeps its id and is not asked for again.
 */
async function nameJobsOf(executions) {
    const ids = [...new Set(executions.map(e => e.jobId))].filter(id => id && !state.jobs.has(id));
    if (ids.length === 0) {
        return;
    }
    const variables = Object.fromEntries(ids.map((id, i) => ['j' + i, id]));
    const query = 'query(' + ids.map((id, i) => '$j' + i + ': ID!').join(', ') + ') { '
        + ids.map((id, i) => 'j' + i + ': ingestionJob(id: $j' + i + ') { name }').join(' ') + ' }';
    let data = {};
    try {
        data = (await graphqlPartial(query, variables)).data || {};
    } catch (error) {
        // The rows still show the job ids; the next page change tries again.
        return;
    }
    if (!state) {
        return;
    }
    ids.forEach((id, i) => state.jobs.set(id, data['j' + i] ? data['j' + i].name : id));
}

/** The job of a #/executions/job/<id> link joins the list, so that Apply keeps it as the filter. */
async function nameDeepLinkedJob() {
    const id = state.filter.jobId;
    if (!id || state.jobs.has(id)) {
        return;
    }
    let name = id;
    try {
        const data = await graphql('query($id: ID!) { ingestionJob(id: $id) { name } }', { id });
        if (data.ingestionJob) {
            name = data.ingestionJob.name;
        }
    } catch (error) {
        // An unknown or malformed id stays the filter under its id: the executions query says what is wrong.
    }
    state.jobs.set(id, name);
}

function renderShell() {
    const f = state.filter;
    const jobSelect = h('select', { id: 'filter-job' }, h('option', { value: '' }, 'any job'),
        [...state.jobs].map(([id, name]) => h('option', { value: id, selected: f.jobId === id }, name)));
    const statusSelect = h('select', { id: 'filter-status' }, h('option', { value: '' }, 'any status'),
        STATUSES.map(s => h('option', { value: s, selected: f.status === s }, s)));
    const form = h('form', { className: 'filters', id: 'execution-filters', onsubmit: event => {
        event.preventDefault();
        state.filter = {
            jobId: jobSelect.value || null,
            status: statusSelect.value || null,
            from: isoFromLocal(form.querySelector('#filter-from').value),
            to: isoFromLocal(form.querySelector('#filter-to').value),
            executionId: form.querySelector('#filter-id').value.trim() || null,
        };
        state.cursors = [null];
        state.pageIndex = 0;
        loadPage().catch(showError);
    } },
        field('Job', jobSelect),
        field('Status', statusSelect),
        field('Started from', h('input', { type: 'datetime-local', id: 'filter-from' })),
        field('Started before', h('input', { type: 'datetime-local', id: 'filter-to' })),
        field('Execution id', h('input', { id: 'filter-id', inputmode: 'numeric', size: 10, value: f.executionId || '' })),
        h('button', { type: 'submit', className: 'primary', id: 'apply-filters' }, 'Apply'),
        h('button', { type: 'button', id: 'refresh', onclick: () => loadPage().catch(showError) }, 'Refresh'),
        state.jobsCut ? h('p', { className: 'muted', id: 'jobs-cut' }, 'The job list shows the first '
            + number(state.jobsListed) + ' jobs; open a later job\'s executions from the Jobs page.') : null);
    clear(state.root).append(
        h('h1', {}, 'Executions'),
        h('div', { className: 'card' }, form, h('div', { id: 'execution-list' }),
            h('div', { className: 'pager' },
                h('button', { id: 'newer', onclick: () => page(-1) }, 'Newer'),
                h('button', { id: 'older', onclick: () => page(1) }, 'Older'),
                h('span', { className: 'muted', id: 'page-note' }),
                h('span', { className: 'muted', id: 'poll-note', role: 'status' }))),
        h('div', { id: 'execution-detail' }));
}

function field(label, input) {
    return h('div', { className: 'field' }, h('label', { for: input.id }, label), input);
}

function page(delta) {
    const next = state.pageIndex + delta;
    if (next < 0 || next >= state.cursors.length) {
        return;
    }
    state.pageIndex = next;
    loadPage().catch(showError);
}

async function loadPage() {
    const f = state.filter;
    const filter = {};
    for (const key of ['jobId', 'status', 'from', 'to', 'executionId']) {
        if (f[key]) {
            filter[key] = f[key];
        }
    }
    const after = state.cursors[state.pageIndex];
    const data = await withAllowedFirst(first => graphql(`query($filter: ExecutionFilterInput, $first: Int!, $after: String) {
        executions(filter: $filter, first: $first, after: $after) { nodes { ${EXECUTION_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        { filter, first, after }), PAGE_SIZES.executions);
    if (!state) {
        return;
    }
    const { nodes, pageInfo } = data.executions;
    await nameJobsOf(nodes);
    if (!state) {
        return;
    }
    state.cursors.length = state.pageIndex + 1;
    if (pageInfo.hasNextPage && pageInfo.endCursor) {
        state.cursors.push(pageInfo.endCursor);
    }
    state.rows = new Map(nodes.map(e => [e.executionId, e]));
    state.pollFailures = 0;
    document.getElementById('poll-note').textContent = '';
    renderList();
    document.getElementById('newer').disabled = state.pageIndex === 0;
    document.getElementById('older').disabled = state.pageIndex >= state.cursors.length - 1;
    document.getElementById('page-note').textContent = nodes.length === 0
        ? (pageInfo.hasNextPage ? 'none on this page; older ones may match' : 'no execution matches') : '';
    if (state.selected) {
        await showDetail(state.selected);
    }
    schedulePolling();
}

function renderList() {
    const rows = [...state.rows.values()].map(row);
    clear(document.getElementById('execution-list')).append(
        table(['Id', 'Job', 'Status', 'Trigger', 'Started', 'Duration', 'Read', 'Written', 'Rejected', 'Progress'], rows));
}

function row(e) {
    return h('tr', { id: 'exec-' + e.executionId, className: 'clickable' + (state.selected === e.executionId ? ' selected' : ''),
        'data-status': e.batchStatus, onclick: () => { state.selected = e.executionId; renderList(); showDetail(e.executionId).catch(showError); } },
        h('td', {}, e.executionId),
        h('td', {}, state.jobs.get(e.jobId) || e.jobId),
        h('td', {}, statusOf(e)),
        h('td', {}, e.trigger + (e.restartOf ? ' of ' + e.restartOf : '')),
        h('td', {}, when(e.startedAt)),
        h('td', {}, e.startedAt ? progress.duration(((e.endedAt ? Date.parse(e.endedAt) : Date.now()) - Date.parse(e.startedAt)) / 1000) : ''),
        h('td', {}, number(progress.rowsRead(e))),
        h('td', {}, number(progress.rowsWritten(e))),
        h('td', {}, number(progress.rowsSkipped(e))),
        h('td', {}, progressOf(e)));
}

function statusOf(e) {
    return h('span', { className: 'status status-' + e.batchStatus }, e.batchStatus + (e.interrupted ? ' (interrupted)' : ''));
}

export function progressOf(e) {
    const rate = progress.rate(e);
    const { fraction, etaSeconds } = progress.estimate(e, progress.expectedTotal(e));
    const parts = [number(progress.rowsRead(e)) + ' rows'];
    if (rate !== null) {
        parts.push(number(Math.round(rate)) + ' rows/s');
    }
    if (etaSeconds !== null && progress.isRunning(e)) {
        parts.push('ETA ' + progress.duration(etaSeconds));
    } else if (progress.isRunning(e)) {
        parts.push('total unknown');
    }
    const bar = fraction === null
        ? h('div', { className: 'bar' + (progress.isRunning(e) ? ' unknown' : '') },
            h('span', { style: progress.isRunning(e) ? null : 'width: 0' }))
        : h('div', { className: 'bar' }, h('span', { style: 'width: ' + Math.round(fraction * 100) + '%' }));
    return h('div', { className: 'progress', 'data-execution': e.executionId },
        h('span', { className: 'progress-text' }, (fraction !== null ? Math.round(fraction * 100) + '% · ' : '') + parts.join(' · ')), bar);
}

async function showDetail(executionId) {
    const data = await graphql(`query($id: ID!) { jobExecution(executionId: $id) { ${EXECUTION_FIELDS} } }`, { id: executionId });
    if (!state) {
        return;
    }
    const e = data.jobExecution;
    const holder = clear(document.getElementById('execution-detail'));
    if (!e) {
        holder.append(h('div', { className: 'card' }, 'Execution ' + executionId + ' does not exist.'));
        return;
    }
    if (state.rows.has(e.executionId)) {
        // The detail may be newer than the list (a run that ended between the two requests): keep them alike.
        state.rows.set(e.executionId, e);
        renderList();
    }
    const failed = e.batchStatus === 'FAILED';
    holder.append(h('div', { className: 'card', id: 'detail-' + e.executionId },
        h('h2', {}, 'Execution ' + e.executionId + ' of ' + (state.jobs.get(e.jobId) || e.jobId)),
        kv([
            ['Status', statusOf(e)],
            ['Exit status', e.exitStatus || ''],
            failed ? ['Failure cause', h('span', { id: 'failure-cause' }, e.exitStatus || 'not recorded')] : null,
            e.interrupted ? ['Interrupted', 'The server stopped while it ran: restart it to resume from its checkpoint.'] : null,
            ['Trigger', e.trigger + (e.restartOf ? ' (restart of ' + e.restartOf + ')' : '')],
            ['Job instance', e.jobInstanceId],
            ['Started', when(e.startedAt)],
            ['Ended', when(e.endedAt)],
            ['Progress', progressOf(e)],
            ['Rejected records', rejectsOf(e)],
        ]),
        h('h2', {}, 'Steps'),
        table(['Step', 'Status', 'Read', 'Written', 'Rejected', 'Commits', 'Rollbacks', 'Filtered'], e.steps.map(s =>
            h('tr', {}, h('td', {}, s.name), h('td', {}, s.batchStatus), h('td', {}, number(s.readCount)),
                h('td', {}, number(s.writeCount)), h('td', {}, number(s.skipCount)), h('td', {}, number(s.commitCount)),
                h('td', {}, number(s.rollbackCount)), h('td', {}, number(s.filterCount))))),
        actions(e)));
}

const REJECTS_BYTES = 1048576;
const REJECTS_PREVIEW_LINES = 20;

/** The rejects file: a download (and the first lines) for roles that read the target asset's rows; its path otherwise. */
function rejectsOf(e) {
    if (!e.rejectsFile) {
        return 'none: no record was rejected';
    }
    if (!can.readRows()) {
        return h('span', {}, h('code', {}, e.rejectsFile), ' under webm_storage_path. Reading rejected records is a data read: '
            + 'it needs a role that reads the target asset\'s rows.');
    }
    const preview = h('pre', { id: 'rejects-preview', className: 'rejects', hidden: true });
    const link = h('a', { id: 'rejects-download', href: '#', download: 'rejects-' + e.executionId + '.ndjson' }, 'rejects');
    const note = h('span', { className: 'muted', id: 'rejects-note' }, ' (NDJSON: source, position, reason)');
    link.addEventListener('click', async event => {
        if (link.dataset.loaded) {
            return; // the browser downloads the blob itself
        }
        event.preventDefault();
        try {
            const data = await graphql(`query($id: ID!, $max: Int!) { jobExecution(executionId: $id) {
                rejects(maxBytes: $max) { text byteSize lines truncated } } }`, { id: e.executionId, max: REJECTS_BYTES });
            const r = data.jobExecution && data.jobExecution.rejects;
            if (!r) {
                note.textContent = ' (no rejected record any more)';
                return;
            }
            link.href = URL.createObjectURL(new Blob([r.text], { type: 'application/x-ndjson' }));
            link.dataset.loaded = 'yes';
            note.textContent = ' (' + (r.lines === 1 ? '1 record' : number(r.lines) + ' records') + (r.truncated ? ', the first ' + number(REJECTS_BYTES)
                + ' bytes of ' + number(r.byteSize) : '') + ')';
            preview.textContent = r.text.split('\n').slice(0, REJECTS_PREVIEW_LINES).join('\n');
            preview.hidden = false;
            link.click();
        } catch (error) {
            showError(error);
        }
    });
    return h('div', {}, link, note, preview);
}

function actions(e) {
    if (!can.operateJobs()) {
        return null;
    }
    const ended = e.batchStatus === 'STOPPED' || e.batchStatus === 'FAILED' || e.interrupted;
    return h('div', { className: 'actions' },
        progress.isRunning(e) ? h('button', { id: 'stop-execution', className: 'danger', onclick: () => act(e, 'stop') }, 'Stop') : null,
        ended ? h('button', { id: 'restart-execution', className: 'primary', onclick: () => act(e, 'restart') }, 'Restart') : null,
        ended ? h('button', { id: 'abandon-execution', className: 'danger', onclick: () => act(e, 'abandon') }, 'Abandon') : null);
}

const ACTIONS = {
    stop: { mutation: 'stopJobExecution', question: id => `Stop execution ${id} at its next checkpoint? It can be restarted from there.`, done: 'Stop requested for execution ' },
    restart: { mutation: 'restartJobExecution', question: id => `Restart execution ${id} from its last checkpoint?`, done: 'Restarted as execution ' },
    abandon: { mutation: 'abandonJobExecution', question: id => `Abandon execution ${id}? It can never be restarted; the job can still be started anew.`, done: 'Abandoned execution ' },
};

async function act(e, name) {
    const action = ACTIONS[name];
    if (!await confirmAction(action.question(e.executionId))) {
        return;
    }
    try {
        const data = await graphql(`mutation($id: ID!) { ${action.mutation}(executionId: $id) { executionId } }`, { id: e.executionId });
        const id = data[action.mutation].executionId;
        showNotice(action.done + id);
        if (name === 'restart') {
            // Follow the new execution: the list and its polling show it from now on.
            location.hash = '#/executions/' + id;
            return;
        }
        await loadPage();
    } catch (error) {
        showError(error);
    }
}

function schedulePolling(delay = POLL_MS) {
    stopPolling();
    if (!state) {
        return;
    }
    // At most POLL_BATCH per request: the API bounds a query's complexity.
    const running = [...state.rows.values()].filter(progress.isRunning).map(e => e.executionId).slice(0, POLL_BATCH);
    if (running.length === 0) {
        return;
    }
    state.timer = setTimeout(() => pollAndReschedule(running), delay);
}

/** Polls, then schedules the next poll: at once after a success, with back-off after a failure (which the page shows). */
async function pollAndReschedule(ids) {
    let polled;
    try {
        polled = await poll(ids);
    } catch (error) {
        if (!state) {
            return;
        }
        if (error.code === 'unauthenticated') {
            showError(error); // signs out: polling on would only fail again
            return;
        }
        state.pollFailures += 1;
        const retryMs = Math.min(POLL_MS * 2 ** state.pollFailures, POLL_MAX_MS);
        document.getElementById('poll-note').textContent = 'Live update failed at ' + new Date().toLocaleTimeString()
            + ' (' + error.message + '); retrying in ' + Math.round(retryMs / 1000) + ' s.';
        schedulePolling(retryMs);
        return;
    }
    if (!state) {
        return;
    }
    if (polled && state.pollFailures > 0) {
        state.pollFailures = 0;
        document.getElementById('poll-note').textContent = '';
    }
    schedulePolling();
}

function stopPolling() {
    if (state && state.timer) {
        clearTimeout(state.timer);
        state.timer = null;
    }
}

/** One request for the running executions only (aliases), while the tab is visible; false when hidden (none made). */
async function poll(ids) {
    if (!state || document.hidden) {
        return false;
    }
    const query = '{ ' + ids.map(id => `e${id}: jobExecution(executionId: "${id}") { ${EXECUTION_FIELDS} }`).join(' ') + ' }';
    const data = await graphql(query);
    if (!state) {
        return false;
    }
    for (const e of Object.values(data)) {
        if (e) {
            state.rows.set(e.executionId, e);
        }
    }
    renderList();
    if (state.selected && ids.includes(state.selected)) {
        await showDetail(state.selected);
    }
    return true;
}
