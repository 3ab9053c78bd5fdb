package io.atq.director.swarm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The manifest digest in the engine's {@code GET /distribution/{name}/json} answer. */
class DistributionAnswerTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void readsTheDescriptorsDigest() {
        String answer = """
                {"Descriptor":{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":527},
                 "Platforms":[{"architecture":"amd64","os":"linux"}]}""".formatted(DIGEST);

        assertThat(DistributionAnswer.manifestDigest(answer)).isEqualTo(DIGEST);
    }

    @Test
    void refusesAnAnswerWithoutAValidDigestNamingWhatItHolds() {
        assertThatThrownBy(() -> DistributionAnswer.manifestDigest("{\"Descriptor\":{\"digest\":\"md5:abc\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sha256 Descriptor.digest").hasMessageContaining("md5:abc");
        assertThatThrownBy(() -> DistributionAnswer.manifestDigest("{\"Platforms\":[]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sha256 Descriptor.digest");
        assertThatThrownBy(() -> DistributionAnswer.manifestDigest("<html>bad gateway</html>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON").hasMessageContaining("bad gateway");
    }
}
