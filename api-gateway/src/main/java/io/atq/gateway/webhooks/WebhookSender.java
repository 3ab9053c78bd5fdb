package io.atq.gateway.webhooks;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Makes one HTTP POST of a webhook, connecting only to the given (already checked) addresses, never following redirects. */
public interface WebhookSender {

    /** What came back: a status, or the reason none did. */
    record Response(@Nullable Integer status, @Nullable String error) {
        public static Response status(int status) {
            return new Response(status, null);
        }

        public static Response failed(String error) {
            return new Response(null, error);
        }

        public boolean isSuccess() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /** Blocks for at most about {@code timeout}; never throws for a network failure (that is a {@link Response#failed}). */
    Response post(URI url, List<InetAddress> addresses, Map<String, String> headers, byte[] body, Duration timeout);
}
