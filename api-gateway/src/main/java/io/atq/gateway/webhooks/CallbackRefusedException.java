package io.atq.gateway.webhooks;

/** The SSRF guard refused a callback URL (non-public address, not allowlisted). Retrying does not help. */
public final class CallbackRefusedException extends Exception {
    private final String url;

    public CallbackRefusedException(String url, String reason) {
        super(reason);
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    public boolean isRetryable() {
        return false;
    }
}
