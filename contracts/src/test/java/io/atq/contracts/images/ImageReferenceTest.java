package io.atq.contracts.images;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);

    @Test
    void normalisesDockerHubShortNames() {
        assertThat(ImageReference.parse("busybox").canonical()).isEqualTo("docker.io/library/busybox:latest");
        assertThat(ImageReference.parse("library/busybox:latest")).isEqualTo(ImageReference.parse("docker.io/library/busybox"));
        assertThat(ImageReference.parse("atq/demo-worker:1").canonical()).isEqualTo("docker.io/atq/demo-worker:1");
    }

    @Test
    void keepsRegistryHostsAndPorts() {
        ImageReference ref = ImageReference.parse("registry.example:5000/team/app:2.1");
        assertThat(ref.domain()).isEqualTo("registry.example:5000");
        assertThat(ref.path()).isEqualTo("team/app");
        assertThat(ref.familiar()).isEqualTo("registry.example:5000/team/app:2.1");
    }

    @Test
    void familiarFormMatchesWhatDockerShowsLocally() {
        assertThat(ImageReference.parse("docker.io/atq/probe:1").familiar()).isEqualTo("atq/probe:1");
        assertThat(ImageReference.parse("busybox:1.36.1").familiar()).isEqualTo("busybox:1.36.1");
    }

    @Test
    void admitsTheSameImageWithOrWithoutTheWhitelistedDigest() {
        ImageReference whitelisted = ImageReference.parse("atq/demo-worker:1@" + DIGEST);
        assertThat(whitelisted.admits(ImageReference.parse("atq/demo-worker:1"))).isTrue();
        assertThat(whitelisted.admits(ImageReference.parse("docker.io/atq/demo-worker:1@" + DIGEST))).isTrue();
        assertThat(whitelisted.admits(ImageReference.parse("atq/demo-worker:1@" + OTHER_DIGEST))).isFalse();
    }

    @Test
    void refusesADigestTheWhitelistCannotVouchFor() {
        assertThat(ImageReference.parse("atq/demo-worker:1").admits(ImageReference.parse("atq/demo-worker:1@" + DIGEST))).isFalse();
    }

    @Test
    void doesNotAdmitLookAlikesFromOtherRegistriesOrTags() {
        ImageReference whitelisted = ImageReference.parse("atq/demo-worker:1");
        assertThat(whitelisted.admits(ImageReference.parse("evil.io/atq/demo-worker:1"))).isFalse();
        assertThat(whitelisted.admits(ImageReference.parse("atq/demo-worker:2"))).isFalse();
        assertThat(whitelisted.admits(ImageReference.parse("atq/demo-worker"))).isFalse();
    }

    @Test
    void comparesRegistryHostsCaseSensitivelyAsDockerDoes() {
        ImageReference whitelisted = ImageReference.parse("atq/demo-worker:1");
        assertThat(ImageReference.parse("DOCKER.IO/atq/demo-worker:1").domain()).isEqualTo("DOCKER.IO");
        assertThat(whitelisted.admits(ImageReference.parse("DOCKER.IO/atq/demo-worker:1"))).isFalse();
        assertThat(whitelisted.admits(ImageReference.parse("Docker.io/atq/demo-worker:1"))).isFalse();
        assertThat(whitelisted.admits(ImageReference.parse("docker.io/atq/demo-worker:1"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ATQ/demo-worker:1", "atq/demo-worker:1@sha256:zz", "atq//x", "atq/../x", "/atq/x",
            "atq/x:", "atq/x:-bad", "atq/dеmo-worker:1", "atq/x y", "atq/x\n", "evil.io:port/x"})
    void refusesMalformedReferencesNamingTheRawInput(String raw) {
        assertThatThrownBy(() -> ImageReference.parse(raw))
                .isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageContaining("'" + raw + "' is not a valid image reference");
    }

    @Test
    void pinsTheRepositoryToAManifestDigestWithoutTheTag() {
        String digest = "sha256:" + "0a".repeat(32);
        assertThat(ImageReference.parse("127.0.0.1:5000/atq/demo-worker:1").pinnedTo(digest)).isEqualTo("127.0.0.1:5000/atq/demo-worker@" + digest);
        assertThat(ImageReference.parse("busybox:1.36").pinnedTo(digest)).isEqualTo("busybox@" + digest);
        assertThatThrownBy(() -> ImageReference.parse("atq/x:1").pinnedTo("sha256:abc"))
                .isInstanceOf(InvalidImageReferenceException.class).hasMessageContaining("'sha256:abc' is not a valid sha256 digest");
    }

    @Test
    void refusesOverlongReferences() {
        assertThatThrownBy(() -> ImageReference.parse("a/" + "b".repeat(300)))
                .isInstanceOf(InvalidImageReferenceException.class).hasMessageContaining("longer than");
    }
}
