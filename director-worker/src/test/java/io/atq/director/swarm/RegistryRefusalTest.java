package io.atq.director.swarm;

import io.atq.contracts.config.RegistryAuth;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryRefusalTest {
    private static final RegistryAuth LOGIN = new RegistryAuth("ci", Path.of("/run/secrets/registry-password"));

    @Test
    void aWrongPasswordNamesTheRegistryTheUserAndThePasswordFile() {
        // What Docker 20.10 answers to GET /distribution/… with an X-Registry-Auth the registry does not accept.
        String text = RegistryRefusal.describe(401, "unauthorized: authentication required", "127.0.0.1:5999", LOGIN);

        assertThat(text).isEqualTo("registry 127.0.0.1:5999 refused the login of user 'ci' (registryAuth, password file "
                + "/run/secrets/registry-password): unauthorized: authentication required");
    }

    @Test
    void noLoginForARegistryThatWantsOneSaysSo() {
        // What it answers without X-Registry-Auth: a 500 that names neither a login nor the image.
        String text = RegistryRefusal.describe(500,
                "Head \"http://127.0.0.1:5999/v2/team/load/manifests/1\": no basic auth credentials", "127.0.0.1:5999", null);

        assertThat(text).startsWith("registry 127.0.0.1:5999 wants a login and none is configured (set registryAuth for this image): ")
                .endsWith("no basic auth credentials");
    }

    @Test
    void otherAnswersAreNoRefusedLogin() {
        assertThat(RegistryRefusal.describe(404, "manifest unknown", "127.0.0.1:5999", LOGIN)).isNull();
        assertThat(RegistryRefusal.describe(500, "Get \"http://127.0.0.1:5999/v2/\": connection refused", "127.0.0.1:5999", LOGIN)).isNull();
    }
}
