package io.atq.director.swarm;

import com.github.dockerjava.api.model.AuthConfig;
import io.atq.contracts.config.RegistryAuth;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registry login as the Docker API takes it: the configured user, the password read from its file just now (so a
 * rotated secret is used at once, and nothing but this short-lived value holds it), and the registry host.
 * {@link #toString()} never shows the password.
 *
 * @param username      the registry user
 * @param password      the password (or token) from the configured file
 * @param serverAddress the registry host, e.g. {@code registry.example.com:5000}
 */
record RegistryCredentials(String username, String password, String serverAddress) {

    /**
     * Reads the password file of {@code auth}.
     *
     * @throws SwarmException {@link SwarmException.Kind#REFUSED} when the file cannot be read or is empty (retrying does not
     *                        help until an operator fixes it); the message names the file, never its content
     */
    static RegistryCredentials read(RegistryAuth auth, String serverAddress, String operation) {
        String password;
        try {
            password = Files.readString(auth.passwordFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new SwarmException(SwarmException.Kind.REFUSED, operation,
                    "cannot read the registry password file " + auth.passwordFile() + ": " + e, e);
        }
        if (password.isEmpty()) {
            throw new SwarmException(SwarmException.Kind.REFUSED, operation, "the registry password file " + auth.passwordFile() + " is empty", null);
        }
        return new RegistryCredentials(auth.username(), password, serverAddress);
    }

    /**
     * The {@code X-Registry-Auth} header's value: base64url of {@code {"username", "password", "serveraddress"}}, as the
     * engine decodes it for pulls, distribution lookups and service creation.
     */
    String header() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("username", username);
        json.put("password", password);
        json.put("serveraddress", serverAddress);
        byte[] bytes = JsonMapper.builder().build().writeValueAsBytes(json);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    /** The same for docker-java's commands that take it ({@code createServiceCmd().withAuthConfig}). */
    AuthConfig authConfig() {
        return new AuthConfig().withUsername(username).withPassword(password).withRegistryAddress(serverAddress);
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***, serverAddress=" + serverAddress + "]";
    }
}
