package io.atq.systemtests.support;

/** Request bodies for the demo images. */
public final class Tasks {
    private Tasks() {
    }

    /** A task of {@code replicas} demo workers and a demo master in {@code masterMode} ("master" succeeds, "fail" exits 3). */
    public static String demo(String name, int replicas, String masterMode, Integer durationSeconds) {
        String duration = durationSeconds == null ? "" : ", \"DURATION\": \"" + durationSeconds + "\"";
        return """
                { "name": "%s",
                  "workers": { "image": "atq/demo-worker:1", "replicas": %d, "args": { "MODE": "node" }, "port": 8080 },
                  "master":  { "image": "atq/demo-master:1", "args": { "MODE": "%s"%s } },
                  "timeout": "PT10M" }
                """.formatted(name, replicas, masterMode, duration);
    }

    public static String demo(String name, int replicas) {
        return demo(name, replicas, "master", null);
    }
}
