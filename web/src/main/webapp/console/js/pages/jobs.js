// Jobs: definitions, schedules and next runs; create a job and start a run (with its chunk size and error budget).
// CDC streams are shown only when the deployed schema has a cdcStreams query (found by introspection).
import { graphql, operations, allCdcStreams, withAllowedFirst, PAGE_SIZES } from '../api.js';
import { h, clear, table, when, number, confirmAction } from '../dom.js';
import { can } from '../session.js';
import { showError, showNotice } from '../app.js';

const JOB_FIELDS = `id name sourceType targetAssetId schedule scheduleExpression status lastExecutionId lastRunAt nextRunAt
    lastMissedTick { at outcome reason } rowsIngested errorCount maxErrors chunkSize version sourceConfig`;

/** A starting point per source kind; the server validates every field. */
const TEMPLATES = {
    postgresTable: { url: 'jdbc:postgresql://localhost:5432/plant', user: 'reader', passwordAlias: null, table: 'public.readings', columns: null },
    fileDrop: { directory: 'var/inbox/visits', glob: '*.csv' },
    httpApi: { url: 'https://api.example.org/v1/visits', recordsPointer: '/data' },
    sled: { path: 'var/inbox/sessions-db', trees: ['sessions'], targetNamespace: 'raw', assetPrefix: 'sessions', valueFormat: 'UTF8' },
};

let root = null;

export default {
    async enter(page) {
        root = page;
        await render();
    },
    leave() {
        root = null;
    },
};

async function render() {
    const [data, assets, ops] = await Promise.all([
        withAllowedFirst(first => graphql(`query($first: Int!) { ingestionJobs(first: $first) { nodes { ${JOB_FIELDS} } pageInfo { hasNextPage } } }`,
            { first }), PAGE_SIZES.jobs),
        withAllowedFirst(first => graphql('query($first: Int!) { assets(first: $first) { nodes { id namespace name } } }', { first }),
            PAGE_SIZES.assetChoices),
        operations(),
    ]);
    if (!root) {
        return;
    }
    const assetNames = new Map(assets.assets.nodes.map(a => [a.id, a.namespace + '.' + a.name]));
    const jobs = data.ingestionJobs.nodes;
    clear(root).append(
        h('h1', {}, 'Jobs'),
        h('div', { className: 'card' },
            table(['Name', 'Source', 'Target asset', 'Schedule', 'Next run', 'Status', 'Last run', 'Rows ingested', ''],
                jobs.map(job => h('tr', { id: 'job-' + job.id, 'data-name': job.name },
                    h('td', {}, job.name),
                    h('td', {}, job.sourceType),
                    h('td', {}, assetNames.get(job.targetAssetId) || job.targetAssetId || 'one per sled tree'),
                    h('td', {}, job.schedule + (job.scheduleExpression ? ' ' + job.scheduleExpression : '')),
                    h('td', {}, job.nextRunAt ? when(job.nextRunAt) : (job.schedule === 'MANUAL' ? 'when started' : ''),
                        missedTick(job.lastMissedTick)),
                    h('td', {}, h('span', { className: 'status status-' + job.status }, job.status)),
                    h('td', {}, job.lastExecutionId
                        ? h('a', { href: '#/executions/' + job.lastExecutionId }, '#' + job.lastExecutionId + ' ' + when(job.lastRunAt)) : 'never'),
                    h('td', {}, number(job.rowsIngested)),
                    h('td', {}, h('div', { className: 'actions' },
                        h('a', { href: '#/executions/job/' + job.id }, 'Executions'),
                        can.operateJobs() ? h('button', { className: 'start-job primary', 'data-job': job.name, onclick: () => start(job) }, 'Start…') : null))))),
            data.ingestionJobs.pageInfo.hasNextPage ? h('p', { className: 'muted' }, 'Showing the first ' + jobs.length + ' jobs.') : null),
        can.operateJobs() ? createForm(assets.assets.nodes) : null,
        ops.queries.has('cdcStreams') ? await cdcSection(ops).catch(e => h('div', { className: 'card', id: 'cdc-streams' },
            h('h2', {}, 'CDC streams'), 'The CDC streams could not be listed: ' + e.message)) : null);
}

/** The last tick of the job's schedule that started no run (until one starts), under its next run; else nothing. */
function missedTick(tick) {
    if (!tick) {
        return null;
    }
    const what = tick.outcome === 'FAILED' ? 'failed to start' : 'skipped';
    return h('div', { className: 'missed-tick status-' + (tick.outcome === 'FAILED' ? 'FAILED' : 'SKIPPED') },
        'Last tick ' + what + ' ' + when(tick.at) + ': ' + tick.reason);
}

async function start(job) {
    const chunk = h('input', { id: 'start-chunk-size', type: 'number', min: 1, max: 100000, value: job.chunkSize });
    const errors = h('input', { id: 'start-max-errors', type: 'number', min: 0, max: 1000000, value: job.maxErrors });
    const body = h('div', {},
        h('label', { for: 'start-chunk-size' }, 'Rows per chunk (checkpoint)'), chunk,
        h('label', { for: 'start-max-errors' }, 'Rejected records tolerated'), errors,
        h('p', { className: 'muted' }, 'Changed values are saved on the job before the run starts.'));
    if (!await confirmAction('Start a run of ' + job.name + '?', body)) {
        return;
    }
    try {
        const chunkSize = Number(chunk.value);
        const maxErrors = Number(errors.value);
        if (chunkSize !== job.chunkSize || maxErrors !== job.maxErrors) {
            await graphql(`mutation($id: ID!, $input: IngestionJobUpdateInput!) { updateIngestionJob(id: $id, input: $input) { id } }`,
                { id: job.id, input: { expectedVersion: job.version, chunkSize, maxErrors } });
        }
        const data = await graphql('mutation($id: ID!) { startIngestionJob(id: $id) { executionId } }', { id: job.id });
        showNotice('Started ' + job.name + ' as execution ' + data.startIngestionJob.executionId);
        location.hash = '#/executions/' + data.startIngestionJob.executionId;
    } catch (e) {
        showError(e);
    }
}

function createForm(assets) {
    const kind = h('select', { id: 'new-job-kind' }, Object.keys(TEMPLATES).map(k => h('option', { value: k }, k)));
    const source = h('textarea', { id: 'new-job-source', rows: 7, spellcheck: 'false' });
    const fill = () => { source.value = JSON.stringify(TEMPLATES[kind.value], null, 2); };
    kind.addEventListener('change', fill);
    fill();
    const target = h('select', { id: 'new-job-target' }, h('option', { value: '' }, 'none (sled: one asset per tree)'),
        assets.map(a => h('option', { value: a.id }, a.namespace + '.' + a.name)));
    const schedule = h('select', { id: 'new-job-schedule' }, ['MANUAL', 'INTERVAL', 'CRON'].map(s => h('option', { value: s }, s)));
    const form = h('form', { id: 'new-job', onsubmit: async event => {
        event.preventDefault();
        let settings;
        try {
            settings = JSON.parse(source.value);
        } catch (e) {
            showError(new Error('The source settings are not valid JSON: ' + e.message));
            return;
        }
        const input = { name: form.querySelector('#new-job-name').value, schedule: schedule.value, [kind.value]: settings };
        if (target.value) {
            input.targetAssetId = target.value;
        }
        const expression = form.querySelector('#new-job-expression').value.trim();
        if (expression) {
            input.scheduleExpression = expression;
        }
        for (const [key, id] of [['chunkSize', '#new-job-chunk'], ['maxErrors', '#new-job-errors']]) {
            const value = form.querySelector(id).value;
            if (value !== '') {
                input[key] = Number(value);
            }
        }
        try {
            const data = await graphql('mutation($input: IngestionJobInput!) { createIngestionJob(input: $input) { id name } }', { input });
            showNotice('Created job ' + data.createIngestionJob.name);
            await render();
        } catch (e) {
            showError(e);
        }
    } },
        h('div', { className: 'grid2' },
            h('div', {},
                h('label', { for: 'new-job-name' }, 'Name'), h('input', { id: 'new-job-name', required: true, maxlength: 200 }),
                h('label', { for: 'new-job-target' }, 'Target asset'), target,
                h('label', { for: 'new-job-kind' }, 'Source kind'), kind,
                h('label', { for: 'new-job-schedule' }, 'Schedule'), schedule,
                h('label', { for: 'new-job-expression' }, 'Schedule expression (INTERVAL: PT15M; CRON: 0 2 * * *, UTC)'),
                h('input', { id: 'new-job-expression' }),
                h('label', { for: 'new-job-chunk' }, 'Rows per chunk (default 10000)'), h('input', { id: 'new-job-chunk', type: 'number', min: 1, max: 100000 }),
                h('label', { for: 'new-job-errors' }, 'Rejected records tolerated (default 10)'), h('input', { id: 'new-job-errors', type: 'number', min: 0, max: 1000000 })),
            h('div', {},
                h('label', { for: 'new-job-source' }, 'Source settings (JSON; credentials by alias only)'), source,
                h('p', { className: 'muted' }, 'See docs/ingestion-jobs.md for every field of each source kind.'))),
        h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary', id: 'create-job' }, 'Create job')));
    return h('div', { className: 'card' }, h('h2', {}, 'New job'), form);
}

/** CDC streams, with whatever scalar fields the CdcStream type has, and its actions when the schema offers them. */
async function cdcSection(ops) {
    const type = await graphql('{ __type(name: "CdcStream") { fields { name type { kind ofType { kind ofType { kind } } } } } }')
        .catch(() => null);
    const fields = type && type.__type ? type.__type.fields.filter(f => scalar(f.type)).map(f => f.name) : ['id'];
    const list = await allCdcStreams(fields.join(' '));
    const actions = ['start', 'stop', 'restart'].filter(a => ops.mutations.has(a + 'CdcStream'));
    return h('div', { className: 'card', id: 'cdc-streams' }, h('h2', {}, 'CDC streams'),
        table([...fields, ''], list.map(stream => h('tr', {},
            fields.map(f => h('td', { className: 'wrap' }, stream[f] ?? '')),
            h('td', {}, can.operateJobs() ? actions.map(a => h('button', { onclick: () => cdcAction(a, stream.id) }, a)) : null)))));
}

function scalar(type) {
    let t = type;
    while (t && (t.kind === 'NON_NULL')) {
        t = t.ofType;
    }
    return t && (t.kind === 'SCALAR' || t.kind === 'ENUM');
}

async function cdcAction(action, id) {
    if (!await confirmAction(action + ' CDC stream ' + id + '?')) {
        return;
    }
    try {
        await graphql(`mutation($id: ID!) { ${action}CdcStream(id: $id) { __typename } }`, { id });
        showNotice('CDC stream ' + id + ': ' + action + ' requested');
        await render();
    } catch (e) {
        showError(e);
    }
}
