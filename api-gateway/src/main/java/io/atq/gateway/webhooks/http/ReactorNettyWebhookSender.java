package io.atq.gateway.webhooks.http;

import io.atq.gateway.webhooks.WebhookSender;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Webhook POSTs with reactor-netty's HTTP client: redirects are not followed (a 3xx is just a status), the connection
 * goes only to the checked addresses ({@link PinnedAddressResolverGroup}), connect and response are bounded by the
 * configured timeout, and no connection is pooled — each attempt connects afresh to the address it checked.
 */
public final class ReactorNettyWebhookSender implements WebhookSender {
    private static final String USER_AGENT = "atq-director-webhooks/1";

    private final HttpClient base = HttpClient.create(ConnectionProvider.newConnection())
            .followRedirect(false)
            .headers(h -> h.set(HttpHeaderNames.USER_AGENT, USER_AGENT));

    @Override
    public Response post(URI url, List<InetAddress> addresses, Map<String, String> headers, byte[] body, Duration timeout) {
        HttpClient client = base
                .resolver(new PinnedAddressResolverGroup(bareHost(url), addresses))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .responseTimeout(timeout)
                .headers(h -> headers.forEach(h::set));
        try {
            Integer status = client.post()
                    .uri(url)
                    .send((request, out) -> out.sendByteArray(Mono.just(body)))
                    // Only the status matters; the body is dropped with the (unpooled) connection.
                    .response()
                    .map(response -> response.status().code())
                    .timeout(timeout.multipliedBy(2))
                    .block();
            return status == null ? Response.failed("no response") : Response.status(status);
        } catch (RuntimeException e) {
            return Response.failed(describe(e));
        }
    }

    private static String bareHost(URI url) {
        String host = url.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof TimeoutException || root instanceof io.netty.handler.timeout.ReadTimeoutException) {
            return "timed out";
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
