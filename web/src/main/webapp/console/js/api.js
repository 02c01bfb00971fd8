// Calls the GraphQL API with the signed-in user's token and turns every failure into words.
import { token } from './session.js';

// This file is <context>/console/js/api.js; the API is <context>/graphql.
const ENDPOINT = new URL('../../graphql', import.meta.url).pathname;

/** Raised for any failure; message is meant for the user. */
export class ApiError extends Error {
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}

const WORDS = {
    'unauthenticated': 'Your sign-in is not accepted (the token expired or is not valid here). Sign in again.',
    'forbidden': 'Your roles do not allow this.',
    'response-too-large': 'The answer would be too large: ask for fewer rows or columns.',
};

/**
 * The page sizes the console asks for (the `first` of each list it reads). A server whose graphql_max_page_size is
 * smaller gets pages of that size instead (withAllowedFirst). ConsoleBrowserIT raises them above its server's limit
 * in a running tab, which the server refuses as a server with a smaller limit refuses these.
 */
export const PAGE_SIZES = {
    assets: 50, // the Assets page's list
    auditEntries: 50, // the Audit page's list
    cdcStreams: 50, // each request of allCdcStreams
    executions: 20, // the Executions page's list
    jobFilter: 100, // the Executions page's job filter, one request
    jobs: 100, // the Jobs page's list, one request
    assetChoices: 100, // the assets offered by the Jobs page's form and the Lineage page, one request
    previewRows: 50, // the Assets page's row preview
};

// The server's graphql_max_page_size once a refused page told it (null until then).
let serverPageLimit = null;

export function endpoint() {
    return ENDPOINT;
}

export async function graphql(query, variables = {}) {
    const { data, errors } = await graphqlPartial(query, variables);
    if (errors.length > 0) {
        throw errors[0];
    }
    return data;
}

/**
 * Every CDC stream with these fields (a string of field names; id comes with them): cdcStreams is paged, so its
 * pages (PAGE_SIZES.cdcStreams, or graphql_max_page_size if smaller) are read one after the other, each after the
 * last stream's id, until one is shorter than asked for.
 */
export async function allCdcStreams(fields) {
    const streams = [];
    for (;;) {
        const after = streams.length > 0 ? streams[streams.length - 1].id : null;
        let asked = 0;
        const data = await withAllowedFirst(first => {
            asked = first;
            return graphql(`query($first: Int!, $after: ID) { cdcStreams(first: $first, after: $after) { id ${fields} } }`,
                { first, after });
        }, PAGE_SIZES.cdcStreams);
        streams.push(...data.cdcStreams);
        if (data.cdcStreams.length < asked) {
            return streams;
        }
    }
}

/**
 * The data of a request whose fields may fail one by one (aliases), with each field's failure as an ApiError;
 * only a failure of the whole request (network, sign-in, HTTP status, no data at all) is thrown.
 */
export async function graphqlPartial(query, variables = {}) {
    let response;
    try {
        response = await fetch(ENDPOINT, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + (token() || '') },
            body: JSON.stringify({ query, variables }),
        });
    } catch (e) {
        throw new ApiError('Cannot reach the lakehouse server. Check that it is running and try again.', 'network');
    }
    let body = null;
    try {
        body = await response.json();
    } catch (e) {
        body = null;
    }
    const errors = body && Array.isArray(body.errors) ? body.errors.map(toError) : [];
    if (errors.length > 0 && !body.data) {
        throw errors[0];
    }
    if (response.status === 401) {
        throw new ApiError(WORDS.unauthenticated, 'unauthenticated');
    }
    if (!response.ok || !body) {
        throw new ApiError('The server answered ' + response.status + ' ' + (response.statusText || '') + '. Try again later.',
            'http-' + response.status);
    }
    return { data: body.data, errors };
}

/**
 * Calls request(first) with the preferred page size, or with the server's graphql_max_page_size when that is
 * smaller: the server tells it by refusing a larger page ("first must be from 1 to N, not M"), and then the request
 * is made once more with N. N is kept for this page's life, so later requests ask for no more than N at once (no
 * refused request, and no audit entry of it, per page turn). Every console request with a `first` goes through here.
 */
export async function withAllowedFirst(request, preferred) {
    const first = serverPageLimit === null ? preferred : Math.min(preferred, serverPageLimit);
    try {
        return await request(first);
    } catch (error) {
        const allowed = /first must be from 1 to (\d+)/.exec(error.message || '');
        if (error.code !== 'invalid-input' || !allowed || Number(allowed[1]) >= first) {
            throw error;
        }
        serverPageLimit = Number(allowed[1]);
        return request(serverPageLimit);
    }
}

function toError(error) {
    const code = error.extensions && error.extensions.code;
    if (WORDS[code]) {
        return new ApiError(WORDS[code], code);
    }
    if (code === 'internal-server-error') {
        const incident = error.extensions.incident || error.extensions.incidentId;
        return new ApiError('The server failed' + (incident ? ' (incident ' + incident + ')' : '')
            + '. Tell an administrator.', code);
    }
    return new ApiError(error.message || 'The request failed.', code || 'error');
}

/**
 * The names of the queries and mutations the deployed schema has (empty sets when introspection is off). One request
 * each: graphql-java's good-faith introspection check refuses a request that asks for __Type.fields more than once.
 */
export async function operations() {
    const names = async root => {
        try {
            const data = await graphql(`{ __schema { ${root} { fields { name } } } }`);
            const type = data.__schema[root];
            return new Set(type ? type.fields.map(f => f.name) : []);
        } catch (e) {
            return new Set();
        }
    };
    const [queries, mutations] = await Promise.all([names('queryType'), names('mutationType')]);
    return { queries, mutations };
}
