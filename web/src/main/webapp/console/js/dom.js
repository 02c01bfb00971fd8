// Tiny DOM helpers: elements are built with text nodes only (no innerHTML), so data cannot inject markup.

export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.substring(2), value);
        } else if (name === 'className') {
            element.className = value;
        } else if (name === 'style') {
            // Through the CSSOM: the console's Content-Security-Policy refuses inline style attributes.
            element.style.cssText = value;
        } else if (value === true) {
            element.setAttribute(name, '');
        } else {
            element.setAttribute(name, String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

export function clear(element) {
    while (element.firstChild) {
        element.firstChild.remove();
    }
    return element;
}

export function table(headers, rows) {
    return h('div', { className: 'table-wrap' },
        h('table', {},
            h('thead', {}, h('tr', {}, headers.map(text => h('th', {}, text)))),
            h('tbody', {}, rows)));
}

export function when(value) {
    return value ? new Date(value).toLocaleString() : '';
}

export function number(value) {
    return value === null || value === undefined ? '' : Number(value).toLocaleString('en-US');
}

export function bytes(value) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let amount = Number(value || 0);
    let unit = 0;
    while (amount >= 1024 && unit < units.length - 1) {
        amount /= 1024;
        unit++;
    }
    return (unit === 0 ? amount : amount.toFixed(1)) + ' ' + units[unit];
}

export function kv(pairs) {
    return h('dl', { className: 'kv' }, pairs.filter(p => p).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '')]));
}

/** Asks the user to confirm an action in the page's dialog; resolves true when confirmed. */
export function confirmAction(text, body = null) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-text').textContent = text;
    const holder = clear(document.getElementById('confirm-body'));
    if (body) {
        holder.append(body);
    }
    return new Promise(resolve => {
        dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
        dialog.returnValue = 'cancel';
        dialog.showModal();
    });
}

/** A datetime-local value as an ISO instant (the user's local time), or null when empty. */
export function isoFromLocal(value) {
    return value ? new Date(value).toISOString() : null;
}
