package io.atq.gateway.webhooks;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.validation.Violation;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a task's callback may be used: at submission (the client has a signing secret; the host resolves
 * to public addresses or is allowlisted) and again before every attempt (DNS may have changed since).
 */
public final class CallbackGuard {
    /** The request field callbacks are reported under. */
    public static final String FIELD = "callbackUrl";

    private final HostResolver resolver;
    private final CallbackAddressPolicy policy;
    private final AtqConfig config;

    public CallbackGuard(HostResolver resolver, CallbackAddressPolicy policy, AtqConfig config) {
        this.resolver = resolver;
        this.policy = policy;
        this.config = config;
    }

    /**
     * What is wrong with the spec's callback for this client (empty: fine, or no callback). Resolves the host: call it
     * off the event loop. The URL's form was already checked by {@code TaskSpecValidator}.
     */
    public List<Violation> admit(TaskSpec spec, String clientId) {
        if (spec.callback() == null || spec.callback().url() == null) {
            return List.of();
        }
        if (secretOf(clientId).isEmpty()) {
            return List.of(new Violation(FIELD, "client '" + clientId + "' has no webhook secret configured, so its tasks cannot have callbacks"));
        }
        try {
            check(spec.callback().url());
            return List.of();
        } catch (CallbackRefusedException e) {
            return List.of(new Violation(FIELD, "is refused: " + e.getMessage()));
        } catch (UnknownHostException e) {
            return List.of(new Violation(FIELD, "host does not resolve: " + e.getMessage()));
        }
    }

    /**
     * Resolves and checks the URL's host now.
     *
     * @throws CallbackRefusedException when an address is not public and not allowlisted (final)
     * @throws UnknownHostException     when the host does not resolve (may change: retryable)
     */
    public CallbackTarget check(String url) throws CallbackRefusedException, UnknownHostException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CallbackRefusedException(url, "not a URL: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null) {
            throw new CallbackRefusedException(url, "no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = resolver.resolve(bare);
        Optional<String> refusal = policy.refusal(bare, addresses);
        if (refusal.isPresent()) {
            throw new CallbackRefusedException(url, refusal.get());
        }
        return new CallbackTarget(uri, bare, addresses);
    }

    /** The client's signing secret, if it has one. */
    public Optional<String> secretOf(String clientId) {
        return clientId == null ? Optional.empty()
                : config.client(clientId).map(ClientConfig::webhookSecret).filter(s -> !s.isBlank());
    }
}
