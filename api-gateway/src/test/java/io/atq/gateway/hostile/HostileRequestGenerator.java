package io.atq.gateway.hostile;

import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.atq.gateway.hostile.HostileFragments.pick;

/**
 * A seeded stream of hostile task requests: the valid request with its tree mutated (fields dropped, retyped, filled
 * with dangerous strings), its text mutated (truncated, duplicated keys, deep nesting, escapes), padded past the
 * size limit, sent with wrong headers, or plain random bytes. The same seed always gives the same requests.
 */
public final class HostileRequestGenerator {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded", "*/*",
            "application/*", ";;;", "application/json; charset=utf-16", "application/json; charset=nonsense",
            "application/xml", "multipart/form-data; boundary=x", "application/vnd.atq+json");

    private final SplittableRandom random;

    public HostileRequestGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next request (kinds weighted: tree 40%, text 25%, random JSON 10%, random bytes 10%, headers 10%, size 5%). */
    public HostileRequest next() {
        int roll = random.nextInt(100);
        if (roll < 40) {
            return json("tree", JSON.writeValueAsString(mutatedTree()));
        } else if (roll < 65) {
            return json("text", mutatedText(JSON.writeValueAsString(random.nextBoolean() ? valid() : mutatedTree())));
        } else if (roll < 75) {
            return json("random-json", JSON.writeValueAsString(randomValue(4)));
        } else if (roll < 85) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            return new HostileRequest("random-bytes", HostileRequest.JSON, null, bytes);
        } else if (roll < 95) {
            boolean encoding = random.nextInt(4) == 0;
            return new HostileRequest("headers", encoding ? HostileRequest.JSON : pick(random, CONTENT_TYPES),
                    encoding ? pick(random, List.of("gzip", "br", "deflate", "identity, gzip")) : null,
                    JSON.writeValueAsBytes(valid()));
        }
        Map<String, Object> tree = valid();
        // Around the 64 KiB limit: some stay under it (and fail validation), most go over (413).
        tree.put("name", "n".repeat(50_000 + random.nextInt(100_000)));
        return json("oversized", JSON.writeValueAsString(tree));
    }

    /** The request the test configuration accepts. */
    static Map<String, Object> valid() {
        Map<String, Object> workers = new LinkedHashMap<>();
        workers.put("image", "atq/demo-worker:1");
        workers.put("replicas", 3);
        workers.put("args", new LinkedHashMap<>(Map.of("MODE", "node")));
        workers.put("port", 8080);
        Map<String, Object> master = new LinkedHashMap<>();
        master.put("image", "atq/demo-master:1");
        master.put("args", new LinkedHashMap<>(Map.of("MODE", "master")));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", "checkout-load");
        tree.put("workers", workers);
        tree.put("master", master);
        tree.put("timeout", "PT10M");
        return tree;
    }

    private HostileRequest json(String kind, String text) {
        return new HostileRequest(kind, HostileRequest.JSON, null, text.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mutatedTree() {
        Map<String, Object> tree = valid();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            Map<String, Object> workers = tree.get("workers") instanceof Map<?, ?> w ? (Map<String, Object>) w : tree;
            Map<String, Object> part = random.nextBoolean() ? workers
                    : tree.get("master") instanceof Map<?, ?> m ? (Map<String, Object>) m : tree;
            Map<String, Object> args = part.get("args") instanceof Map<?, ?> a ? (Map<String, Object>) a : part;
            switch (random.nextInt(9)) {
                case 0 -> dropOne(random.nextBoolean() ? tree : part);
                case 1 -> retypeOne(random.nextBoolean() ? tree : part);
                case 2 -> part.put("image", HostileFragments.image(random));
                case 3 -> args.put(argName(), random.nextBoolean() ? HostileFragments.text(random, 12) : randomValue(1));
                case 4 -> args.put("MODE", random.nextInt(4) == 0 ? randomValue(2) : HostileFragments.text(random, 20));
                case 5 -> tree.put("timeout", random.nextBoolean() ? pick(random, HostileFragments.DURATIONS) : randomValue(1));
                case 6 -> workers.put(random.nextBoolean() ? "replicas" : "port", pick(random, HostileFragments.NUMBERS));
                case 7 -> tree.put("name", "n" + HostileFragments.text(random, 40));
                default -> (random.nextBoolean() ? tree : part).put(HostileFragments.text(random, 8), randomValue(2));
            }
        }
        // A request valid by chance is published and listed: RejectInvalidRequestIT asserts no task is named "x".
        if ("x".equals(tree.get("name"))) {
            tree.put("name", "xx");
        }
        return tree;
    }

    private String argName() {
        return random.nextBoolean() ? pick(random, HostileFragments.ARG_NAMES) : HostileFragments.text(random, 10);
    }

    private void dropOne(Map<String, Object> map) {
        if (!map.isEmpty()) {
            map.remove(pick(random, new ArrayList<>(map.keySet())));
        }
    }

    private void retypeOne(Map<String, Object> map) {
        if (!map.isEmpty()) {
            map.put(pick(random, new ArrayList<>(map.keySet())), randomValue(3));
        }
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    private Object randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> pick(random, HostileFragments.NUMBERS);
            case 3, 4 -> HostileFragments.text(random, 30);
            case 5 -> pick(random, HostileFragments.IMAGES);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    map.put(random.nextBoolean() ? pick(random, List.of("name", "workers", "master", "timeout", "image",
                            "replicas", "args", "port", "MODE")) : HostileFragments.text(random, 6), randomValue(depth - 1));
                }
                yield map;
            }
        };
    }

    /** One edit of the JSON text that a tree cannot express. */
    private String mutatedText(String text) {
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(12)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + pick(random, HostileFragments.CHARACTERS) + text.substring(at);
            case 2 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(8)));
            case 3 -> text + pick(random, List.of(" {}", "x", ",", "\u0000", " // c", "]", "\"tail\""));
            case 4 -> "\ufeff" + text;
            case 5 -> text.replace('"', '\'');
            case 6 -> text.replaceFirst("\\{", "{ \"name\": \"dup\", ");
            case 7 -> text.replaceFirst("\"replicas\": ?3", "\"replicas\": " + pick(random, List.of("NaN", "Infinity", "-Infinity", "03", "+3", "0x3", "3e", ".5", "1e99999")));
            case 8 -> text.replaceFirst("\"node\"", "\"" + pick(random, HostileFragments.JSON_ESCAPES) + "\"");
            case 9 -> text.replaceFirst("\"checkout-load\"", "\"n" + pick(random, HostileFragments.JSON_ESCAPES) + "\"");
            case 10 -> text.replaceFirst("\"PT10M\"", nested(pick(random, List.of(2, 50, 499, 500, 501, 2000, 10_000))));
            default -> "/* " + HostileFragments.text(random, 5) + " */" + text;
        };
    }

    private String nested(int depth) {
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }
}
