// Lineage: a graph centred on one asset, N hops up- and/or downstream; clicking an asset re-centres it.
import { graphql, withAllowedFirst, PAGE_SIZES } from '../api.js';
import { h, clear } from '../dom.js';
import { showError } from '../app.js';

// The cytoscape WebJar in WEB-INF/lib (version as in web/pom.xml), relative to <context>/console/.
const CYTOSCAPE = '../webjars/cytoscape/3.33.1/dist/cytoscape.min.js';
let state = null;

export default {
    async enter(root, args) {
        state = { root, graph: null };
        const assets = await withAllowedFirst(first => graphql('query($first: Int!) { assets(first: $first) { nodes { id namespace name } } }',
            { first }), PAGE_SIZES.assetChoices);
        if (!state) {
            return;
        }
        const nodes = assets.assets.nodes;
        const centre = args[0] || (nodes[0] && nodes[0].id);
        const select = h('select', { id: 'lineage-asset' }, nodes.map(a =>
            h('option', { value: a.id, selected: a.id === centre }, a.namespace + '.' + a.name)));
        const direction = h('select', { id: 'lineage-direction' }, ['BOTH', 'UPSTREAM', 'DOWNSTREAM'].map(d => h('option', { value: d }, d)));
        const depth = h('input', { id: 'lineage-depth', type: 'number', min: 1, max: 10, value: 2 });
        const go = () => { location.hash = '#/lineage/' + select.value; draw(select.value, direction.value, Number(depth.value)).catch(showError); };
        clear(root).append(h('h1', {}, 'Lineage'),
            h('div', { className: 'card' },
                h('div', { className: 'filters' },
                    h('div', { className: 'field' }, h('label', { for: 'lineage-asset' }, 'Centre'), select),
                    h('div', { className: 'field' }, h('label', { for: 'lineage-direction' }, 'Direction'), direction),
                    h('div', { className: 'field' }, h('label', { for: 'lineage-depth' }, 'Hops (1 to 10)'), depth),
                    h('button', { className: 'primary', id: 'lineage-show', onclick: go }, 'Show')),
                h('div', { id: 'lineage-graph' }),
                h('h2', {}, 'Nodes'),
                h('ul', { id: 'lineage-nodes' })));
        state.controls = { select, direction, depth };
        if (centre) {
            await draw(centre, direction.value, Number(depth.value));
        } else {
            document.getElementById('lineage-nodes').append(h('li', {}, 'No asset yet.'));
        }
    },
    leave() {
        if (state && state.graph) {
            state.graph.destroy();
        }
        state = null;
    },
};

function loadCytoscape() {
    if (window.cytoscape) {
        return Promise.resolve(window.cytoscape);
    }
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL(CYTOSCAPE, document.baseURI).href;
        script.onload = () => resolve(window.cytoscape);
        script.onerror = () => reject(new Error('The graph library could not be loaded; the node list below still shows the lineage.'));
        document.head.append(script);
    });
}

async function draw(assetId, direction, depth) {
    const data = await graphql(`query($id: ID!, $direction: LineageDirection!, $depth: Int!) {
        lineage(assetId: $id, direction: $direction, depth: $depth) { nodes { id kind name } edges { id from to transformation jobId executionId } } }`,
        { id: assetId, direction, depth });
    if (!state) {
        return;
    }
    const { nodes, edges } = data.lineage;
    const list = clear(document.getElementById('lineage-nodes'));
    for (const node of nodes) {
        list.append(h('li', { 'data-node': node.id, className: node.id === assetId ? 'centre' : null },
            node.kind === 'ASSET' && node.id !== assetId ? h('a', { href: '#/lineage/' + node.id }, node.name) : node.name,
            ' (' + node.kind.toLowerCase() + (node.id === assetId ? ', centre' : '') + ')'));
    }
    let cytoscape;
    try {
        cytoscape = await loadCytoscape();
    } catch (e) {
        showError(e);
        return;
    }
    if (state.graph) {
        state.graph.destroy();
    }
    state.graph = cytoscape({
        container: document.getElementById('lineage-graph'),
        elements: [
            ...nodes.map(n => ({ data: { id: n.id, label: n.name, kind: n.kind, centre: n.id === assetId ? 'yes' : 'no' } })),
            ...edges.map(e => ({ data: { id: 'edge-' + e.id, source: e.from, target: e.to, label: e.transformation } })),
        ],
        style: [
            { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'background-color': '#0b5cad', 'text-valign': 'bottom', 'text-margin-y': 4 } },
            { selector: 'node[kind = "EXTERNAL"]', style: { shape: 'round-rectangle', 'background-color': '#7a8a9a' } },
            { selector: 'node[centre = "yes"]', style: { 'background-color': '#b45309', width: 38, height: 38 } },
            { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 2, label: 'data(label)', 'font-size': 9,
                'line-color': '#9fb3c8', 'target-arrow-color': '#9fb3c8' } },
        ],
        layout: { name: 'breadthfirst', directed: true, roots: nodes.filter(n => !edges.some(e => e.to === n.id)).map(n => n.id), padding: 20 },
    });
    state.graph.on('tap', 'node[kind = "ASSET"]', event => {
        const id = event.target.id();
        if (id !== assetId) {
            state.controls.select.value = id;
            location.hash = '#/lineage/' + id;
        }
    });
    window.lakehouseLineage = state.graph;
}
