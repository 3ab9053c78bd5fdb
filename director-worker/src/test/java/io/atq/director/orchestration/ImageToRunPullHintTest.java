package io.atq.director.orchestration;

import io.atq.contracts.config.RegistryAuth;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ImageToRunPullHintTest {
    private static final String PINNED = "127.0.0.1:5999/atq/demo-worker@sha256:" + "e".repeat(64);
    // What a Swarm task whose node could not pull the image shows as its error (Docker 20.10), refused login or not.
    private static final String NO_SUCH_IMAGE = "No such image: " + PINNED;

    @Test
    void aRegistryImageThatCouldNotBePulledNamesTheRegistryAndTheLogin() {
        ImageToRun image = ImageToRun.fromRegistry(PINNED, new RegistryAuth("ci", Path.of("/run/secrets/registry-password")));

        assertThat(image.pullHint(NO_SUCH_IMAGE)).isEqualTo(" (the node could not pull it from registry 127.0.0.1:5999 as user 'ci'"
                + " (registryAuth): Swarm says this when the registry refused the login, cannot be reached from the node, or lacks"
                + " the digest)");
    }

    @Test
    void anAnonymousRegistryImageSaysThatNoLoginWasSent() {
        assertThat(ImageToRun.fromRegistry(PINNED, null).pullHint(NO_SUCH_IMAGE))
                .startsWith(" (the node could not pull it from registry 127.0.0.1:5999 without a login:")
                .contains("wants a login (registryAuth)");
    }

    @Test
    void otherErrorsAndLocalImagesGetNoHint() {
        ImageToRun registry = ImageToRun.fromRegistry(PINNED, null);
        assertThat(registry.pullHint("task: non-zero exit (3)")).isEmpty();
        assertThat(registry.pullHint(null)).isEmpty();
        // A local image is run by its id: a node without it is a different problem (the image was not loaded there).
        assertThat(ImageToRun.local("sha256:" + "a".repeat(64)).pullHint("No such image: sha256:" + "a".repeat(64))).isEmpty();
    }
}
