package io.atq.gateway;

/** Request bodies for {@code POST /v1/tasks}, built from a valid one. */
public final class TaskRequests {
    private TaskRequests() {
    }

    /** A valid request within the test configuration's whitelist and limits. */
    public static String valid() {
        return valid("checkout-load");
    }

    public static String valid(String name) {
        return """
                { "name": "%s",
                  "workers": { "image": "atq/demo-worker:1", "replicas": 3, "args": { "MODE": "node" }, "port": 8080 },
                  "master":  { "image": "atq/demo-master:1", "args": { "MODE": "master" } },
                  "timeout": "PT10M" }
                """.formatted(name);
    }

    /** The valid request with one text replaced (the first occurrence). */
    public static String validWith(String from, String to) {
        String valid = valid();
        if (!valid.contains(from)) {
            throw new IllegalArgumentException("'" + from + "' is not in the valid request");
        }
        return valid.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }
}
