package io.atq.director.swarm;

import io.atq.contracts.config.RegistryAuth;
import org.jspecify.annotations.Nullable;

import java.util.Locale;

/**
 * Words the engine's answer to a distribution request when the registry refused the login, so that an operator sees
 * an authentication problem, which registry, and which configured login, where the engine says only
 * {@code "unauthorized: authentication required"} (HTTP 401: a wrong user or password) or, with no login sent,
 * a 500 {@code "Head \"http://…/manifests/1\": no basic auth credentials"} (Docker 20.10, registry 2.8). Never holds
 * the password: the login is named by its user and password file.
 */
final class RegistryRefusal {
    private RegistryRefusal() {
    }

    /**
     * @param status        the engine's HTTP status
     * @param engineMessage the engine's {@code message}
     * @param registry      the registry host, e.g. {@code 127.0.0.1:5000}
     * @param auth          the login sent, or null (anonymous)
     * @return the wording of a refused login, or null when the answer is something else
     */
    static @Nullable String describe(int status, String engineMessage, String registry, @Nullable RegistryAuth auth) {
        String lower = engineMessage.toLowerCase(Locale.ROOT);
        boolean refused = status == 401 || lower.contains("no basic auth credentials") || lower.startsWith("unauthorized:");
        if (!refused) {
            return null;
        }
        if (auth == null) {
            return "registry " + registry + " wants a login and none is configured (set registryAuth for this image): " + engineMessage;
        }
        return "registry " + registry + " refused the login of user '" + auth.username() + "' (registryAuth, password file "
                + auth.passwordFile() + "): " + engineMessage;
    }
}
