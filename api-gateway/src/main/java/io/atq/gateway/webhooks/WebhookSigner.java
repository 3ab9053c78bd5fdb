package io.atq.gateway.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Standard Webhooks signatures: {@code v1,} + base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")),
 * where the key is the base64 part of the client's {@code whsec_…} secret.
 */
public final class WebhookSigner {
    private static final String PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";

    private final byte[] key;

    /** @param secret {@code whsec_} followed by a base64 key (the prefix is optional, as in the reference libraries) */
    public WebhookSigner(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            this.key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not whsec_ followed by base64", e);
        }
    }

    /** The {@code webhook-signature} header value for this id, timestamp (epoch seconds) and body. */
    public String sign(String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every JDK: this cannot happen on a working runtime.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
