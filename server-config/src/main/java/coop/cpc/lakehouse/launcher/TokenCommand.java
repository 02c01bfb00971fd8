package coop.cpc.lakehouse.launcher;

import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/lakehouse token --user alice --roles operator[,viewer] [--minutes 60]}: prints a
 * short-lived RS256 token, signed with the embedded default's key under {@code var/jwt}, for local
 * use. Only the token goes to standard output, so {@code $(bin/lakehouse token ...)} works.
 */
final class TokenCommand {
    /** The lakehouse's roles (the application's Role enum, which the launcher does not load). */
    static final List<String> ROLES = List.of("viewer", "analyst", "researcher", "operator", "admin", "auditor");

    static final int MAX_MINUTES = 1440;
    static final String USAGE = "usage: bin/lakehouse token --user <name> --roles <role>[,<role>...] [--minutes 1-"
            + MAX_MINUTES + "]\n  roles: " + String.join(", ", ROLES);

    private TokenCommand() {}

    record Request(String user, List<String> roles, int minutes) {}

    /** @throws IllegalArgumentException naming the argument that is wrong */
    static Request parse(List<String> args) {
        String user = null;
        List<String> roles = null;
        int minutes = 60;
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args.get(i + 1);
            switch (option) {
                case "--user" -> {
                    if (!value.matches("[A-Za-z0-9._@-]{1,64}")) {
                        throw new IllegalArgumentException("--user must be 1 to 64 letters, digits or ._@-");
                    }
                    user = value;
                }
                case "--roles" -> {
                    roles = new ArrayList<>();
                    for (String role : value.split(",")) {
                        if (!ROLES.contains(role.trim())) {
                            throw new IllegalArgumentException("--roles: unknown role '" + role.trim() + "'");
                        }
                        roles.add(role.trim());
                    }
                }
                case "--minutes" -> {
                    try {
                        minutes = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        minutes = -1;
                    }
                    if (minutes < 1 || minutes > MAX_MINUTES) {
                        throw new IllegalArgumentException("--minutes must be an integer from 1 to " + MAX_MINUTES);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (user == null || roles == null) {
            throw new IllegalArgumentException("--user and --roles are required");
        }
        return new Request(user, List.copyOf(roles), minutes);
    }

    /** @return the process exit code */
    static int run(String[] args, LakehouseSettings settings, Path keyDirectory, PrintStream out, PrintStream err)
            throws IOException {
        Request request;
        try {
            request = parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (settings.jwtPublicKey().isPresent()) {
            err.println("jwt_public_key is set: the server trusts another issuer's tokens; get a token from it");
            return 2;
        }
        SigningKeys keys = SigningKeys.ensure(keyDirectory);
        String audience = settings.jwtAudiences().isEmpty()
                ? null
                : settings.jwtAudiences().get(0);
        out.println(new JwtMinter(keys.privateKey(), SigningKeys.KEY_ID)
                .token(
                        settings.jwtIssuer(),
                        audience,
                        request.user(),
                        request.roles(),
                        Duration.ofMinutes(request.minutes())));
        return 0;
    }
}
