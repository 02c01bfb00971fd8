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
 * pages of 50 are read one after the other, each after the last stream's id, until one is short.
 */
export async function allCdcStreams(fields) {
    const streams = [];
    for (;;) {
        const after = streams.length > 0 ? streams[streams.length - 1].id : null;
        const data = await graphql(`query($after: ID) { cdcStreams(first: 50, after: $after) { id ${fields} } }`,
            { after });
        streams.push(...data.cdcStreams);
        if (data.cdcStreams.length < 50) {
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
 * Calls request(first) with the preferred page size, and once more with graphql_max_page_size when the server
 * refuses a page that large ("first must be from 1 to N, not M").
 */
export async function withAllowedFirst(request, preferred) {
    try {
        return await request(preferred);
    } catch (error) {
        const allowed = /first must be from 1 to (\d+)/.exec(error.message || '');
        if (error.code !== 'invalid-input' || !allowed || Number(allowed[1]) >= preferred) {
            throw error;
        }
        return request(Number(allowed[1]));
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

/** The names of the queries and mutations the deployed schema has (empty sets when introspection is off). */
export async function operations() {
    try {
        const data = await graphql('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
        const names = type => new Set(type ? type.fields.map(f => f.name) : []);
        return { queries: names(data.__schema.queryType), mutations: names(data.__schema.mutationType) };
    } catch (e) {
        return { queries: new Set(), mutations: new Set() };
    }
}
