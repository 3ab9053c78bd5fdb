package io.atq.gateway.hostile;

import java.nio.charset.StandardCharsets;

/**
 * One generated request for {@code POST /v1/tasks}.
 *
 * @param kind            how it was made (for the summary and for reproducing a failure)
 * @param contentType     the Content-Type header, or {@code null} for none
 * @param contentEncoding the Content-Encoding header, or {@code null} for none
 * @param body            the raw body
 */
public record HostileRequest(String kind, String contentType, String contentEncoding, byte[] body) {
    static final String JSON = "application/json";

    /** The body for a failure message: as text when it is short, its size otherwise. */
    public String describe() {
        String text = new String(body, StandardCharsets.UTF_8);
        return kind + " [Content-Type: " + contentType + ", Content-Encoding: " + contentEncoding + "] "
                + (text.length() <= 2000 ? text : text.substring(0, 500) + "… (" + body.length + " bytes)");
    }
}
