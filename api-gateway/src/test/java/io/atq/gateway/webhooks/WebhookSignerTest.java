package io.atq.gateway.webhooks;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signatures as the Standard Webhooks specification defines them. */
class WebhookSignerTest {
    // The specification's published test vector (standard-webhooks, also used by Svix's libraries).
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330L;
    private static final String VECTOR_BODY = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void reproducesTheSpecificationsTestVector() {
        String signature = new WebhookSigner(VECTOR_SECRET).sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void signsIdDotTimestampDotBodyWithTheDecodedKey() throws Exception {
        String secret = "whsec_YXRxLWRldi13ZWJob29rLXNlY3JldC0zMmJ5dGVzISE=";
        byte[] body = "{\"type\":\"task.phase-changed\",\"data\":{\"phase\":\"SUCCEEDED\"}}".getBytes(StandardCharsets.UTF_8);

        String signature = new WebhookSigner(secret).sign("msg_t_SUCCEEDED", 1_800_000_000L, body);

        assertThat(signature).isEqualTo("v1," + independently(secret, "msg_t_SUCCEEDED", "1800000000", body));
    }

    @Test
    void acceptsTheKeyWithoutItsPrefixLikeTheReferenceLibraries() {
        String bare = VECTOR_SECRET.substring("whsec_".length());

        assertThat(new WebhookSigner(bare).sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void anotherBodyOrTimestampGivesAnotherSignature() {
        WebhookSigner signer = new WebhookSigner(VECTOR_SECRET);
        byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(signer.sign(VECTOR_ID, VECTOR_TIMESTAMP + 1, body)).isNotEqualTo(VECTOR_SIGNATURE);
        assertThat(signer.sign(VECTOR_ID, VECTOR_TIMESTAMP, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void refusesASecretThatIsNotBase64() {
        assertThatThrownBy(() -> new WebhookSigner("whsec_not base64!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64");
    }

    /** HMAC-SHA256 written out here from the specification's text, not through the class under test. */
    private static String independently(String secret, String id, String timestamp, byte[] body) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] content = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(mac.doFinal(content));
    }
}
