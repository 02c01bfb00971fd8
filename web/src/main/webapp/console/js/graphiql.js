// GraphiQL for a signed-in user: every request carries the console's token (never put in the URL).
import { token, expired, userName } from './session.js';
import { endpoint } from './api.js';

if (!token() || expired()) {
    location.replace('./');
} else {
    document.getElementById('graphiql-user').textContent = 'Signed in as ' + userName();
    const fetcher = GraphiQL.createFetcher({
        url: endpoint(),
        // GraphiQL sends its own content-type: a second one made "application/json, application/json", which the
        // server refuses (Content-Type must be application/json).
        headers: { 'Authorization': 'Bearer ' + token() },
    });
    ReactDOM.render(React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: '{ assets(first: 10) { nodes { id namespace name rowCount } } }',
        shouldPersistHeaders: false,
    }), document.getElementById('graphiql'));
}
