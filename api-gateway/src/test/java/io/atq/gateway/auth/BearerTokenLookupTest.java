package io.atq.gateway.auth;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.config.ConfigException;
import io.atq.contracts.config.ConfigLoader;
import io.atq.gateway.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bearer tokens are found by their SHA-256 among the configured clients; the headers carrying them are read strictly. */
class BearerTokenLookupTest {
    private final TokenDirectory tokens = new TokenDirectory(TestConfigs.load());

    @Test
    void findsTheClientWhoseHashedTokenMatches() {
        assertThat(tokens.authenticate("team-a-token")).map(ClientConfig::id).hasValue("team-a");
        assertThat(tokens.authenticate("atq-dev-token")).hasValueSatisfying(client -> assertThat(client.isAdmin()).isTrue());
    }

    @Test
    void knowsNoTokenThatIsNotConfiguredNorTheHashItself() {
        String devHash = TokenDirectory.sha256Hex("atq-dev-token");

        assertThat(tokens.authenticate("team-a-token2")).isEmpty();
        assertThat(tokens.authenticate(devHash)).isEmpty();
    }

    @Test
    void hashesTokensAsTheConfigurationDocumentsThem() {
        assertThat(TokenDirectory.sha256Hex("atq-dev-token"))
                .isEqualTo("c6b8801b12f6004f5ffcd7818261e23d33f0c92c0a2e17feea24bfc140159d11");
    }

    @Test
    void theEmbeddedDevConfigurationAcceptsTheDocumentedDevToken() {
        assertThat(new TokenDirectory(ConfigLoader.loadEmbedded()).authenticate("atq-dev-token")).map(ClientConfig::id).hasValue("dev");
    }

    @Test
    void refusesToStartWithoutClients() {
        AtqConfig config = TestConfigs.load();
        AtqConfig none = new AtqConfig(config.source(), config.port(), config.sharedPath(), config.pullImages(),
                config.probeImage(), config.limits(), config.images());

        assertThatThrownBy(() -> new TokenDirectory(none)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("clients").hasMessageContaining("no API clients are configured");
    }

    @Test
    void readsTheTokenOfABearerHeaderWhateverTheSchemesCase() {
        assertThat(BearerCredentials.token(List.of("Bearer abc.DEF-1_2~3+4/5="))).isEqualTo("abc.DEF-1_2~3+4/5=");
        assertThat(BearerCredentials.token(List.of("bearer  xyz"))).isEqualTo("xyz");
    }

    @Test
    void refusesMissingRepeatedAndMalformedHeadersWithoutRepeatingThem() {
        assertKind(List.of(), AuthenticationException.Kind.MISSING, "no Authorization header");
        assertKind(List.of("Bearer a", "Bearer b"), AuthenticationException.Kind.MALFORMED, "given 2 times");
        assertKind(List.of("Basic c2VjcmV0LXZhbHVl"), AuthenticationException.Kind.MALFORMED, "Bearer scheme");
        assertKind(List.of("Bearer "), AuthenticationException.Kind.MALFORMED, "empty");
        assertKind(List.of("Bearer secret value"), AuthenticationException.Kind.MALFORMED, "characters");
    }

    @Test
    void challengesWithTheBearerSchemeAndTheRfc6750Error() {
        assertThat(new AuthenticationException(AuthenticationException.Kind.MISSING, "x").challenge()).isEqualTo("Bearer realm=\"atq\"");
        assertThat(new AuthenticationException(AuthenticationException.Kind.UNKNOWN, "x").challenge())
                .isEqualTo("Bearer realm=\"atq\", error=\"invalid_token\"");
    }

    private static void assertKind(List<String> headers, AuthenticationException.Kind kind, String says) {
        assertThatThrownBy(() -> BearerCredentials.token(headers))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.getKind()).isEqualTo(kind))
                .hasMessageContaining(says)
                .message().doesNotContain("secret", "c2VjcmV0");
    }
}
