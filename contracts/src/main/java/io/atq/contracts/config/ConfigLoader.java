package io.atq.contracts.config;

import io.atq.contracts.names.EnvVars;
import io.atq.contracts.validation.ImageReference;
import io.atq.contracts.validation.InvalidImageReferenceException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration strictly: snakeyaml composes a node tree (so every error can name its line),
 * then each field is checked here. Unknown keys are errors, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
    /** Classpath location of the embedded default configuration (demo images, {@code pullImages: false}). */
    public static final String EMBEDDED = "atq-default.yaml";
    /** Production default probe image: a pinned public busybox. */
    public static final String DEFAULT_PROBE_IMAGE = "busybox:1.36.1";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Duration LONGEST_TIMEOUT = Duration.ofDays(7);
    private static final Pattern MEMORY = Pattern.compile("([0-9]{1,13})\\s*([kKmMgG]?)[bB]?");
    private static final long MAX_MEMORY = 1024L * 1024 * 1024 * 1024;
    private static final int MAX_CPUS = 256;
    private static final Set<String> TOP_KEYS = Set.of("port", "sharedPath", "glusterPath", "pullImages", "probeImage", "limits", "images");

    private ConfigLoader() {
    }

    /** Loads the file at {@code path}, or the embedded default when {@code path} is null or blank. */
    public static AtqConfig load(String path) {
        if (path == null || path.isBlank()) {
            return loadEmbedded();
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(path, 0, null, "no such file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(path, reader);
        } catch (IOException e) {
            throw new ConfigException(path, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** Loads the embedded default configuration. */
    public static AtqConfig loadEmbedded() {
        String source = "classpath:" + EMBEDDED;
        InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(EMBEDDED);
        if (in == null) {
            throw new ConfigException(source, 0, null, "missing from the classpath");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(source, reader);
        } catch (IOException e) {
            throw new ConfigException(source, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** Parses YAML text; {@code source} names it in error messages. */
    public static AtqConfig parse(String source, Reader yaml) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(yaml);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(source, line, null, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(source, 0, null, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException(source, 1, null, "the file is empty");
        }
        return new Reading(source).config(root);
    }

    /** One pass over one document. */
    private record Reading(String source) {

        AtqConfig config(Node root) {
            Map<String, NodeTuple> top = mapping(root, "", TOP_KEYS);
            if (top.containsKey("sharedPath") && top.containsKey("glusterPath")) {
                throw error(top.get("glusterPath").getKeyNode(), "glusterPath", "set either sharedPath or glusterPath (its old name), not both");
            }
            int port = top.containsKey("port") ? integer(top.get("port").getValueNode(), "port", 1, 65535) : 8080;
            String sharedKey = top.containsKey("glusterPath") ? "glusterPath" : "sharedPath";
            Path sharedPath = Path.of("/var/lib/atq");
            if (top.containsKey(sharedKey)) {
                Node node = top.get(sharedKey).getValueNode();
                String text = scalar(node, sharedKey);
                if (!text.startsWith("/")) {
                    throw error(node, sharedKey, "must be an absolute path, was '" + text + "'");
                }
                sharedPath = Path.of(text).normalize();
            }
            boolean pull = !top.containsKey("pullImages") || bool(top.get("pullImages").getValueNode(), "pullImages");
            String probe = DEFAULT_PROBE_IMAGE;
            if (top.containsKey("probeImage")) {
                Node node = top.get("probeImage").getValueNode();
                probe = scalar(node, "probeImage");
                reference(node, "probeImage", probe);
            }
            Limits limits = limits(top.get("limits"));
            if (!top.containsKey("images")) {
                throw new ConfigException(source, 0, "images", "is required: the image whitelist");
            }
            List<ImageRule> images = images(top.get("images").getValueNode(), limits);
            return new AtqConfig(source, port, sharedPath, pull, probe, limits, images);
        }

        Limits limits(NodeTuple tuple) {
            if (tuple == null) {
                return new Limits(50, Duration.ofHours(2));
            }
            Map<String, NodeTuple> map = mapping(tuple.getValueNode(), "limits", Set.of("maxReplicas", "maxTimeout", "defaultResources", "maxResources"));
            int maxReplicas = map.containsKey("maxReplicas")
                    ? integer(map.get("maxReplicas").getValueNode(), "limits.maxReplicas", 1, 1000) : 50;
            Duration maxTimeout = Duration.ofHours(2);
            if (map.containsKey("maxTimeout")) {
                Node node = map.get("maxTimeout").getValueNode();
                String text = scalar(node, "limits.maxTimeout");
                try {
                    maxTimeout = Duration.parse(text);
                } catch (DateTimeParseException e) {
                    throw error(node, "limits.maxTimeout", "must be an ISO-8601 duration such as PT2H, was '" + text + "'");
                }
                if (maxTimeout.isNegative() || maxTimeout.isZero() || maxTimeout.compareTo(LONGEST_TIMEOUT) > 0) {
                    throw error(node, "limits.maxTimeout", "must be more than zero and at most P7D (the task log's retention), was " + text);
                }
            }
            Resources max = map.containsKey("maxResources")
                    ? resources(map.get("maxResources").getValueNode(), "limits.maxResources", Resources.MAXIMUM) : Resources.MAXIMUM;
            Resources defaults = Resources.DEFAULT;
            if (map.containsKey("defaultResources")) {
                Node node = map.get("defaultResources").getValueNode();
                defaults = resources(node, "limits.defaultResources", Resources.DEFAULT);
                withinMaximum(node, "limits.defaultResources", defaults, max);
            } else if (!defaults.exceeding(max).isEmpty()) {
                // A small maxResources without defaultResources: the built-in defaults are cut down to it.
                defaults = new Resources(Math.min(defaults.memoryBytes(), max.memoryBytes()), Math.min(defaults.nanoCpus(), max.nanoCpus()),
                        Math.min(defaults.pids(), max.pids()));
            }
            return new Limits(maxReplicas, maxTimeout, defaults, max);
        }

        /** A {memory, cpus, pids} mapping; a field left out keeps its value from {@code base}. */
        Resources resources(Node node, String field, Resources base) {
            Map<String, NodeTuple> map = mapping(node, field, Set.of("memory", "cpus", "pids"));
            long memory = base.memoryBytes();
            long nanoCpus = base.nanoCpus();
            long pids = base.pids();
            if (map.containsKey("memory")) {
                memory = memory(map.get("memory").getValueNode(), field + ".memory");
            }
            if (map.containsKey("cpus")) {
                nanoCpus = cpus(map.get("cpus").getValueNode(), field + ".cpus");
            }
            if (map.containsKey("pids")) {
                pids = integer(map.get("pids").getValueNode(), field + ".pids", (int) Resources.MIN_PIDS, 1_000_000);
            }
            return new Resources(memory, nanoCpus, pids);
        }

        void withinMaximum(Node node, String field, Resources resources, Resources max) {
            List<String> over = resources.exceeding(max);
            if (!over.isEmpty()) {
                Node at = node;
                if (node instanceof MappingNode mapping) {
                    at = mapping.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(over.getFirst()))
                            .map(NodeTuple::getValueNode).findFirst().orElse(node);
                }
                throw error(at, field + "." + over.getFirst(), "exceeds limits.maxResources." + over.getFirst()
                        + " (" + resources + " is over " + max + ")");
            }
        }

        long memory(Node node, String field) {
            String text = scalar(node, field);
            Matcher m = MEMORY.matcher(text.trim());
            if (!m.matches()) {
                throw error(node, field, "must be a size such as 256m, 1g or 1073741824 (bytes), was '" + text + "'");
            }
            long unit = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
                case "k" -> 1024L;
                case "m" -> 1024L * 1024;
                case "g" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            try {
                long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
                if (bytes < Resources.MIN_MEMORY || bytes > MAX_MEMORY) {
                    throw error(node, field, "must be between 6m and 1024g, was '" + text + "'");
                }
                return bytes;
            } catch (NumberFormatException | ArithmeticException e) {
                throw error(node, field, "must be between 6m and 1024g, was '" + text + "'");
            }
        }

        long cpus(Node node, String field) {
            String text = scalar(node, field);
            try {
                java.math.BigDecimal cpus = new java.math.BigDecimal(text.trim());
                java.math.BigDecimal nanos = cpus.movePointRight(9);
                if (cpus.scale() > 2 || nanos.compareTo(java.math.BigDecimal.valueOf(Resources.MIN_NANO_CPUS)) < 0
                        || cpus.compareTo(java.math.BigDecimal.valueOf(MAX_CPUS)) > 0) {
                    throw error(node, field, "must be between 0.01 and " + MAX_CPUS + " with at most two decimals, was '" + text + "'");
                }
                return nanos.longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw error(node, field, "must be a number of CPUs such as 0.5 or 2, was '" + text + "'");
            }
        }

        List<ImageRule> images(Node node, Limits limits) {
            if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                throw error(node, "images", "must be a non-empty list of {imageName, args}");
            }
            List<ImageRule> rules = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String field = "images[" + i + "]";
                Map<String, NodeTuple> map = mapping(item, field, Set.of("imageName", "args", "resources"));
                if (!map.containsKey("imageName")) {
                    throw error(item, field + ".imageName", "is required");
                }
                Node nameNode = map.get("imageName").getValueNode();
                String name = scalar(nameNode, field + ".imageName");
                ImageReference reference = reference(nameNode, field + ".imageName", name);
                if (!seen.add(reference.canonical())) {
                    throw error(nameNode, field + ".imageName", "'" + name + "' is listed twice");
                }
                List<ArgRule> args = map.containsKey("args") ? args(map.get("args").getValueNode(), field + ".args") : List.of();
                Resources resources = limits.defaultResources();
                if (map.containsKey("resources")) {
                    Node resourcesNode = map.get("resources").getValueNode();
                    resources = resources(resourcesNode, field + ".resources", limits.defaultResources());
                    withinMaximum(resourcesNode, field + ".resources", resources, limits.maxResources());
                }
                rules.add(new ImageRule(name, reference, args, resources));
            }
            return rules;
        }

        List<ArgRule> args(Node node, String field) {
            if (!(node instanceof SequenceNode sequence)) {
                throw error(node, field, "must be a list of {name, required}");
            }
            List<ArgRule> args = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String argField = field + "[" + i + "]";
                Map<String, NodeTuple> map = mapping(item, argField, Set.of("name", "required"));
                if (!map.containsKey("name")) {
                    throw error(item, argField + ".name", "is required");
                }
                Node nameNode = map.get("name").getValueNode();
                String name = scalar(nameNode, argField + ".name");
                if (!ENV_NAME.matcher(name).matches()) {
                    throw error(nameNode, argField + ".name", "'" + name + "' is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
                }
                if (EnvVars.isReserved(name)) {
                    throw error(nameNode, argField + ".name", "'" + name + "' is reserved: the platform injects it");
                }
                if (!names.add(name)) {
                    throw error(nameNode, argField + ".name", "'" + name + "' is declared twice");
                }
                boolean required = map.containsKey("required") && bool(map.get("required").getValueNode(), argField + ".required");
                args.add(new ArgRule(name, required));
            }
            return args;
        }

        Map<String, NodeTuple> mapping(Node node, String field, Set<String> allowed) {
            if (!(node instanceof MappingNode mapping)) {
                throw error(node, field.isEmpty() ? "(top level)" : field, "must be a mapping");
            }
            Map<String, NodeTuple> result = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalar(tuple.getKeyNode(), field);
                String path = field.isEmpty() ? key : field + "." + key;
                if (!allowed.contains(key)) {
                    throw error(tuple.getKeyNode(), path, "unknown key (allowed here: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
                if (result.put(key, tuple) != null) {
                    throw error(tuple.getKeyNode(), path, "is set twice");
                }
            }
            return result;
        }

        ImageReference reference(Node node, String field, String text) {
            try {
                return ImageReference.parse(text);
            } catch (InvalidImageReferenceException e) {
                throw error(node, field, e.getMessage());
            }
        }

        String scalar(Node node, String field) {
            if (!(node instanceof ScalarNode scalar)) {
                throw error(node, field, "must be a single value");
            }
            return scalar.getValue();
        }

        int integer(Node node, String field, int min, int max) {
            String text = scalar(node, field);
            try {
                int value = Integer.parseInt(text.trim());
                if (value < min || value > max) {
                    throw error(node, field, "must be between " + min + " and " + max + ", was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(node, field, "must be a whole number between " + min + " and " + max + ", was '" + text + "'");
            }
        }

        boolean bool(Node node, String field) {
            String text = scalar(node, field);
            return switch (text) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(node, field, "must be true or false, was '" + text + "'");
            };
        }

        ConfigException error(Node node, String field, String problem) {
            int line = node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
            return new ConfigException(source, line, field, problem);
        }
    }
}
