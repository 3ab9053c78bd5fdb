package io.atq.contracts.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Credentials for a registry, as the configuration's {@code registryAuth} names them: the password stays in its file
 * (a Swarm secret, say) and is read by the director each time it talks to the registry, so the configuration, the
 * logs and the API never hold it.
 *
 * @param username     the registry user
 * @param passwordFile absolute path of a file holding the password (or token); a trailing line break is ignored
 */
public record RegistryAuth(String username, Path passwordFile) {
    public RegistryAuth {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFile, "passwordFile");
        if (username.isBlank()) {
            throw new IllegalArgumentException("registryAuth.username is blank");
        }
        if (!passwordFile.isAbsolute()) {
            throw new IllegalArgumentException("registryAuth.passwordFile must be an absolute path, was " + passwordFile);
        }
    }
}
