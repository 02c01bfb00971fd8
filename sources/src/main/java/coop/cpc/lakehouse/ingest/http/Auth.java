package coop.cpc.lakehouse.ingest.http;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How requests authenticate. Only secret aliases are held here, resolved through a
 * {@link SecretResolver} when the source opens, so printing a configuration reveals nothing.
 * Credentials go only to the configured URL's origin, never to another host a redirect or a
 * Link header points at.
 */
public sealed interface Auth {

    record None() implements Auth {}

    /** {@code Authorization: Bearer <secret>}. */
    record Bearer(String secretAlias) implements Auth {
        public Bearer {
            requireAlias(secretAlias);
        }
    }

    /** {@code Authorization: Basic base64(username:secret)}. */
    record Basic(String username, String secretAlias) implements Auth {
        public Basic {
            if (username == null || username.contains(":")) {
                throw new IllegalArgumentException("basic auth username must be given and hold no ':'");
            }
            requireAlias(secretAlias);
        }
    }

    /** {@code <headerName>: <secret>}, e.g. {@code X-API-Key}. */
    record ApiKey(String headerName, String secretAlias) implements Auth {
        private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
        private static final Set<String> RESERVED =
                Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

        public ApiKey {
            if (headerName == null
                    || !TOKEN.matcher(headerName).matches()
                    || RESERVED.contains(headerName.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "api-key header name '" + headerName + "' is not a usable header name");
            }
            requireAlias(secretAlias);
        }
    }

    private static void requireAlias(String alias) {
        if (alias == null || alias.isBlank()) {
            throw new IllegalArgumentException("auth needs a secret alias");
        }
    }
}
