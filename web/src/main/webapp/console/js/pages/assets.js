// Assets: schema, snapshots (linked to the run that made them), segments and sizes, a row preview with projection and asOf.
import { graphql, allCdcStreams, withAllowedFirst, PAGE_SIZES } from '../api.js';
import { h, clear, table, when, number, bytes, kv, isoFromLocal } from '../dom.js';
import { can } from '../session.js';
import { showError } from '../app.js';

let state = null;

export default {
    async enter(root, args) {
        state = { root, cursors: [null], pageIndex: 0 };
        clear(root).append(h('h1', {}, 'Assets'), h('div', { className: 'card', id: 'asset-list' }), h('div', { id: 'asset-detail' }));
        await loadList();
        if (args[0]) {
            await showAsset(args[0]);
        }
    },
    leave() {
        state = null;
    },
};

async function loadList() {
    const after = state.cursors[state.pageIndex];
    const data = await withAllowedFirst(first => graphql(`query($first: Int!, $after: String) { assets(first: $first, after: $after) {
        nodes { id namespace name assetType classification rowCount byteSize updatedAt } pageInfo { hasNextPage endCursor } } }`,
        { first, after }), PAGE_SIZES.assets);
    if (!state) {
        return;
    }
    const { nodes, pageInfo } = data.assets;
    state.cursors.length = state.pageIndex + 1;
    if (pageInfo.hasNextPage) {
        state.cursors.push(pageInfo.endCursor);
    }
    const move = delta => { state.pageIndex += delta; loadList().catch(showError); };
    clear(document.getElementById('asset-list')).append(
        table(['Asset', 'Type', 'Classification', 'Rows', 'Size', 'Updated', ''], nodes.map(a =>
            h('tr', { className: 'clickable', id: 'asset-' + a.id, onclick: () => { location.hash = '#/assets/' + a.id; } },
                h('td', {}, a.namespace + '.' + a.name), h('td', {}, a.assetType), h('td', {}, a.classification),
                h('td', {}, number(a.rowCount)), h('td', {}, bytes(a.byteSize)), h('td', {}, when(a.updatedAt)),
                h('td', {}, h('a', { href: '#/lineage/' + a.id, onclick: e => e.stopPropagation() }, 'Lineage'))))),
        h('div', { className: 'pager' },
            h('button', { disabled: state.pageIndex === 0, onclick: () => move(-1) }, 'Previous'),
            h('button', { disabled: state.pageIndex >= state.cursors.length - 1, onclick: () => move(1) }, 'Next')));
}


async function showAsset(id) {
    const data = await graphql(`query($id: ID) { asset(id: $id) { id namespace name description assetType classification
        columns { name type nullable primaryKey pii } primaryKey tags currentSnapshotId rowCount byteSize createdAt updatedAt
        snapshots { id sequenceNumber operation committedAt summary sourceJobId sourceExecutionId }
        segments { id path kind rowCount byteSize addedSnapshotId removedSnapshotId createdAt cursor } } }`,
        { id });
    if (!state) {
        return;
    }
    const a = data.asset;
    const stream = a ? await feedingStream(a) : null;
    const segmentsCut = a ? await olderSegments(a) : false;
    if (!state) {
        return;
    }
    const holder = clear(document.getElementById('asset-detail'));
    if (!a) {
        holder.append(h('div', { className: 'card' }, 'This asset does not exist (any more).'));
        return;
    }
    const live = a.segments.filter(s => !s.removedSnapshotId);
    // Snapshots are numbered 1, 2, … per asset: the history shown is cut when the oldest shown is not 1 (older ones
    // are past the page, or their rows were deleted after they expired).
    const cut = a.snapshots.length > 0 && Number(a.snapshots[0].sequenceNumber) > 1;
    holder.append(h('div', { className: 'card', id: 'asset-view' },
        h('h2', {}, a.namespace + '.' + a.name),
        kv([['Description', a.description || ''], ['Type', a.assetType], ['Classification', a.classification],
            ['Rows', number(a.rowCount)], ['Size', bytes(a.byteSize)], ['Tags', (a.tags || []).join(', ')],
            ['Current snapshot', a.currentSnapshotId || 'none yet'], ['Updated', when(a.updatedAt)],
            ['Lineage', h('a', { href: '#/lineage/' + a.id }, 'open the graph')]]),
        h('h2', {}, 'Schema'),
        table(['Column', 'Type', 'Nullable', 'Key', 'PII'], a.columns.map(c =>
            h('tr', {}, h('td', {}, c.name), h('td', {}, c.type), h('td', {}, c.nullable ? 'yes' : 'no'),
                h('td', {}, c.primaryKey ? 'yes' : ''), h('td', {}, c.pii)))),
        h('h2', {}, cut ? 'Snapshots (the newest ' + a.snapshots.length + ')' : 'Snapshots'),
        table(['#', 'Operation', 'Committed', 'Summary', 'Made by'], a.snapshots.map(s =>
            h('tr', {}, h('td', {}, s.sequenceNumber), h('td', {}, s.operation), h('td', {}, when(s.committedAt)),
                h('td', { className: 'wrap' }, summary(s.summary)),
                h('td', {}, s.sourceExecutionId
                    ? (can.operateJobs() ? h('a', { href: '#/executions/' + s.sourceExecutionId }, 'run ' + s.sourceExecutionId)
                        : 'run ' + s.sourceExecutionId)
                    : (s.sourceJobId ? 'job ' + s.sourceJobId : madeBy(s, stream)))))),
        h('h2', {}, 'Segments (' + live.length + ' live, ' + bytes(live.reduce((n, s) => n + Number(s.byteSize), 0))
            + (segmentsCut ? ', of the ' + a.segments.length + ' last added)' : ')')),
        table(['Path', 'Kind', 'Rows', 'Size', 'Added', 'Removed by'], a.segments.map(s =>
            h('tr', {}, h('td', { className: 'wrap' }, h('code', {}, s.path)), h('td', {}, s.kind), h('td', {}, number(s.rowCount)),
                h('td', {}, bytes(s.byteSize)), h('td', {}, when(s.createdAt)), h('td', {}, s.removedSnapshotId || '')))),
        can.readRows() ? preview(a) : h('p', { className: 'muted' }, 'Your roles do not include reading rows.')));
}

/**
 * Whether the asset has segments older than the oldest shown: the API shows the last 100, or fewer when
 * graphql_max_page_size is smaller, so the count shown alone cannot tell a cut list from a whole one.
 */
async function olderSegments(asset) {
    if (asset.segments.length === 0) {
        return false;
    }
    const data = await graphql('query($id: ID, $before: String) { asset(id: $id) { segments(last: 1, before: $before) { id } } }',
        { id: asset.id, before: asset.segments[0].cursor });
    return data.asset !== null && data.asset.segments.length > 0;
}

/** The CDC stream whose tables include the asset, for roles that may list streams; null otherwise. */
async function feedingStream(asset) {
    if (!can.operateJobs() || !asset.snapshots.some(s => !s.sourceJobId && !s.sourceExecutionId)) {
        return null;
    }
    try {
        const streams = await allCdcStreams('name tables { assetId }');
        return streams.find(st => st.tables.some(t => t.assetId === asset.id)) || null;
    } catch (e) {
        return null; // no CDC on this server, or not allowed: the snapshot still says what it was
    }
}

/** Who made a snapshot no job run made: the CDC stream (its snapshot or a change batch) or a direct write. */
function madeBy(snapshot, stream) {
    if (stream && (snapshot.operation === 'CDC' || snapshot.operation === 'OVERWRITE')) {
        return h('a', { href: '#/jobs', className: 'cdc-stream' }, 'CDC stream ' + stream.name);
    }
    return snapshot.operation === 'CDC' ? 'a CDC stream' : 'a direct write';
}

function summary(json) {
    try {
        return Object.entries(JSON.parse(json)).map(([k, v]) => k + ': ' + v).join(', ');
    } catch (e) {
        return json;
    }
}

function preview(a) {
    const boxes = a.columns.map(c => h('label', { className: 'muted' },
        h('input', { type: 'checkbox', value: c.name, checked: true, className: 'preview-column' }), ' ' + c.name));
    const snapshot = h('select', { id: 'preview-snapshot' }, h('option', { value: '' }, 'current'),
        a.snapshots.map(s => h('option', { value: s.id }, '#' + s.sequenceNumber + ' ' + when(s.committedAt))));
    const at = h('input', { type: 'datetime-local', id: 'preview-at' });
    const out = h('div', { id: 'preview-rows' });
    const show = async () => {
        const columns = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
        if (columns.length === 0) {
            showError(new Error('Choose at least one column to show.'));
            return;
        }
        let asOf = null;
        if (snapshot.value) {
            asOf = { snapshotId: snapshot.value };
        } else if (at.value) {
            asOf = { timestamp: isoFromLocal(at.value) };
        }
        try {
            let asked = 0;
            const data = await withAllowedFirst(first => {
                asked = first;
                return graphql(`query($id: ID, $columns: [String], $first: Int!, $asOf: AsOfInput) { asset(id: $id) {
                    rows(columns: $columns, first: $first, asOf: $asOf) { columns { name type } rows { values } snapshotId } } }`,
                    { id: a.id, columns, first, asOf });
            }, PAGE_SIZES.previewRows);
            const rows = data.asset.rows;
            clear(out).append(
                h('p', { className: 'muted' }, rows.snapshotId ? 'Snapshot ' + rows.snapshotId + ', first ' + asked + ' rows'
                    : 'The asset had no data then.'),
                table(rows.columns.map(c => c.name + ' (' + c.type + ')'),
                    rows.rows.map(r => h('tr', {}, r.values.map(v => h('td', { className: 'wrap' }, v === null ? '∅' : v))))));
        } catch (e) {
            showError(e);
        }
    };
    return h('div', {}, h('h2', {}, 'Rows'),
        h('div', { className: 'filters' }, boxes),
        h('div', { className: 'filters' },
            h('div', { className: 'field' }, h('label', { for: 'preview-snapshot' }, 'As of snapshot'), snapshot),
            h('div', { className: 'field' }, h('label', { for: 'preview-at' }, 'or as of time'), at),
            h('button', { className: 'primary', id: 'preview-show', onclick: show }, 'Show rows')),
        out);
}
