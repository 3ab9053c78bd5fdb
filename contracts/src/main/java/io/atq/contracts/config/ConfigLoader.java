package io.atq.contracts.config;

import io.atq.contracts.names.EnvVars;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.images.InvalidImageReferenceException;
import org.jspecify.annotations.Nullable;
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
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /**
     * The probe image when a configuration names none: the one {@code compose/dev} builds (busybox {@code sh}, {@code nc}),
     * so the embedded configuration, an operator's file without {@code probeImage} and the docs agree.
     */
    public static final String DEFAULT_PROBE_IMAGE = "atq/probe:1";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Duration LONGEST_TIMEOUT = Duration.ofDays(7);
    private static final Pattern MEMORY = Pattern.compile("([0-9]{1,13})\\s*([kKmMgG]?)[bB]?");
    private static final long MAX_MEMORY = 1024L * 1024 * 1024 * 1024;
    private static final int MAX_CPUS = 256;
    private static final Set<String> TOP_KEYS = Set.of("port", "sharedPath", "glusterPath", "pullImages", "probeImage", "limits", "images",
            "clients", "webhooks", "bundles", "evidence", "capacity", "registryAuth");
    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/]{32,}={0,2}");
    private static final Pattern SPREAD = Pattern.compile("node\\.labels\\.[A-Za-z0-9._-]+");

    private ConfigLoader() {
    }

    /** Loads the file at {@code path}, or the embedded default when {@code path} is null or blank. */
    public static AtqConfig load(@Nullable String path) {
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

    /** A client secret and where it came from: the node and field to blame, and its file ({@code null}: inline). */
    private record SecretValue(String value, Node node, String field, @Nullable String file) {
        /** The problem with the value; for a file, says so without echoing the content. */
        String problem(String rule) {
            return file == null ? rule : "the content of '" + file + "' " + rule;
        }
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
            RegistryAuth registryAuth = top.containsKey("registryAuth") ? registryAuth(top.get("registryAuth").getValueNode(), "registryAuth") : null;
            List<ImageRule> images = images(top.get("images").getValueNode(), limits, registryAuth);
            List<ClientConfig> clients = top.containsKey("clients") ? clients(top.get("clients").getValueNode()) : List.of();
            WebhookSettings webhooks = top.containsKey("webhooks") ? webhooks(top.get("webhooks").getValueNode()) : WebhookSettings.DEFAULT;
            BundleSettings bundles = top.containsKey("bundles") ? bundles(top.get("bundles").getValueNode()) : BundleSettings.DEFAULT;
            EvidenceSettings evidence = top.containsKey("evidence") ? evidence(top.get("evidence").getValueNode()) : EvidenceSettings.DEFAULT;
            CapacitySettings capacity = top.containsKey("capacity") ? capacity(top.get("capacity").getValueNode()) : CapacitySettings.DEFAULT;
            return new AtqConfig(source, port, sharedPath, pull, probe, limits, images, clients, webhooks, bundles, evidence, capacity,
                    registryAuth);
        }

        List<ClientConfig> clients(Node node) {
            if (!(node instanceof SequenceNode sequence)) {
                throw error(node, "clients", "must be a list of {id, role, tokenSha256 or tokenSha256File, "
                        + "webhookSecret or webhookSecretFile, maxActiveTasks, maxActiveReplicas}");
            }
            List<ClientConfig> clients = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            Set<String> hashes = new HashSet<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String field = "clients[" + i + "]";
                Map<String, NodeTuple> map = mapping(item, field, Set.of("id", "role", "tokenSha256", "tokenSha256File",
                        "webhookSecret", "webhookSecretFile", "maxActiveTasks", "maxActiveReplicas"));
                for (String required : List.of("id", "role")) {
                    if (!map.containsKey(required)) {
                        throw error(item, field + "." + required, "is required");
                    }
                }
                // Both are required: checked just above.
                Node idNode = Objects.requireNonNull(map.get("id")).getValueNode();
                String id = scalar(idNode, field + ".id");
                if (!CLIENT_ID.matcher(id).matches()) {
                    throw error(idNode, field + ".id", "must be 1-63 of a-z, 0-9, '.', '_', '-' starting with a letter or digit, was '" + id + "'");
                }
                if (!ids.add(id)) {
                    throw error(idNode, field + ".id", "'" + id + "' is listed twice");
                }
                Node roleNode = Objects.requireNonNull(map.get("role")).getValueNode();
                String roleText = scalar(roleNode, field + ".role");
                ClientRole role = switch (roleText) {
                    case "submitter" -> ClientRole.SUBMITTER;
                    case "admin" -> ClientRole.ADMIN;
                    default -> throw error(roleNode, field + ".role", "must be submitter or admin, was '" + roleText + "'");
                };
                SecretValue hash = secret(item, map, field, "tokenSha256");
                if (hash == null) {
                    throw error(item, field + ".tokenSha256", "is required (or tokenSha256File: a file holding it)");
                }
                if (!SHA256_HEX.matcher(hash.value()).matches()) {
                    throw error(hash.node(), hash.field(), hash.problem("must be the token's SHA-256 as 64 lower-case hex digits "
                            + "(printf %s \"$TOKEN\" | sha256sum), never the token itself"));
                }
                if (!hashes.add(hash.value())) {
                    throw error(hash.node(), hash.field(), "is the same token as another client's");
                }
                SecretValue secret = secret(item, map, field, "webhookSecret");
                if (secret != null && !WEBHOOK_SECRET.matcher(secret.value()).matches()) {
                    // The value itself is not echoed: it is a secret.
                    throw error(secret.node(), secret.field(), secret.problem("must be whsec_ followed by a base64 key of at least 24 bytes"));
                }
                int maxTasks = map.containsKey("maxActiveTasks")
                        ? integer(map.get("maxActiveTasks").getValueNode(), field + ".maxActiveTasks", 1, 100_000) : 20;
                int maxReplicas = map.containsKey("maxActiveReplicas")
                        ? integer(map.get("maxActiveReplicas").getValueNode(), field + ".maxActiveReplicas", 1, 1_000_000) : 200;
                clients.add(new ClientConfig(id, role, hash.value(), secret == null ? null : secret.value(), maxTasks, maxReplicas));
            }
            return clients;
        }

        /**
         * The value of {@code key} given inline or as the content of the file {@code key + "File"} names (a Swarm or
         * Kubernetes secret, so the configuration itself holds nothing secret): exactly one of the two; null when neither.
         */
        @Nullable SecretValue secret(Node item, Map<String, NodeTuple> map, String field, String key) {
            NodeTuple inline = map.get(key);
            NodeTuple file = map.get(key + "File");
            if (inline != null && file != null) {
                throw error(file.getKeyNode(), field + "." + key + "File", "set either " + key + " or " + key + "File, not both");
            }
            if (inline != null) {
                return new SecretValue(scalar(inline.getValueNode(), field + "." + key), inline.getValueNode(), field + "." + key, null);
            }
            if (file == null) {
                return null;
            }
            String fileField = field + "." + key + "File";
            Node node = file.getValueNode();
            String path = scalar(node, fileField);
            return new SecretValue(readSecretFile(node, fileField, path), node, fileField, path);
        }

        /** The stripped content of a secret file (a trailing newline from {@code echo} is not part of the value). */
        String readSecretFile(Node node, String field, String path) {
            if (!path.startsWith("/")) {
                throw error(node, field, "must be an absolute path, was '" + path + "'");
            }
            Path file = Path.of(path);
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw error(node, field, "cannot read '" + path + "': not a regular file");
            }
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw error(node, field, "cannot read '" + path + "': no such file");
            } catch (AccessDeniedException e) {
                throw error(node, field, "cannot read '" + path + "': permission denied");
            } catch (IOException e) {
                throw error(node, field, "cannot read '" + path + "': " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
            if (content.isEmpty()) {
                throw error(node, field, "'" + path + "' is empty");
            }
            return content;
        }

        WebhookSettings webhooks(Node node) {
            Map<String, NodeTuple> map = mapping(node, "webhooks", Set.of("retrySchedule", "timeout", "allowHosts"));
            List<Duration> schedule = WebhookSettings.DEFAULT.retrySchedule();
            if (map.containsKey("retrySchedule")) {
                Node scheduleNode = map.get("retrySchedule").getValueNode();
                if (!(scheduleNode instanceof SequenceNode sequence) || sequence.getValue().size() > 20) {
                    throw error(scheduleNode, "webhooks.retrySchedule", "must be a list of at most 20 ISO-8601 durations such as PT5S");
                }
                List<Duration> waits = new ArrayList<>();
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    waits.add(duration(sequence.getValue().get(i), "webhooks.retrySchedule[" + i + "]", Duration.ofMillis(100), Duration.ofDays(1)));
                }
                schedule = waits;
            }
            Duration timeout = map.containsKey("timeout")
                    ? duration(map.get("timeout").getValueNode(), "webhooks.timeout", Duration.ofMillis(100), Duration.ofMinutes(1))
                    : WebhookSettings.DEFAULT.timeout();
            List<String> allow = map.containsKey("allowHosts") ? strings(map.get("allowHosts").getValueNode(), "webhooks.allowHosts") : List.of();
            return new WebhookSettings(schedule, timeout, allow);
        }

        BundleSettings bundles(Node node) {
            Map<String, NodeTuple> map = mapping(node, "bundles", Set.of("maxUploadSize", "maxExtractedSize", "maxEntries"));
            BundleSettings d = BundleSettings.DEFAULT;
            long upload = map.containsKey("maxUploadSize") ? memory(map.get("maxUploadSize").getValueNode(), "bundles.maxUploadSize") : d.maxUploadBytes();
            long extracted = map.containsKey("maxExtractedSize")
                    ? memory(map.get("maxExtractedSize").getValueNode(), "bundles.maxExtractedSize") : d.maxExtractedBytes();
            int entries = map.containsKey("maxEntries") ? integer(map.get("maxEntries").getValueNode(), "bundles.maxEntries", 1, 1_000_000) : d.maxEntries();
            return new BundleSettings(upload, extracted, entries);
        }

        EvidenceSettings evidence(Node node) {
            Map<String, NodeTuple> map = mapping(node, "evidence", Set.of("retention", "stopGracePeriod", "minFreeSpace"));
            EvidenceSettings d = EvidenceSettings.DEFAULT;
            Duration retention = map.containsKey("retention")
                    ? duration(map.get("retention").getValueNode(), "evidence.retention", Duration.ofSeconds(1), Duration.ofDays(365)) : d.retention();
            Duration grace = map.containsKey("stopGracePeriod")
                    ? duration(map.get("stopGracePeriod").getValueNode(), "evidence.stopGracePeriod", Duration.ZERO, Duration.ofMinutes(5))
                    : d.stopGracePeriod();
            long minFree = map.containsKey("minFreeSpace") ? memory(map.get("minFreeSpace").getValueNode(), "evidence.minFreeSpace") : d.minFreeBytes();
            return new EvidenceSettings(retention, grace, minFree);
        }

        CapacitySettings capacity(Node node) {
            Map<String, NodeTuple> map = mapping(node, "capacity", Set.of("maxTasksPerDirector", "maxWorkers"));
            CapacitySettings d = CapacitySettings.DEFAULT;
            int tasks = map.containsKey("maxTasksPerDirector")
                    ? integer(map.get("maxTasksPerDirector").getValueNode(), "capacity.maxTasksPerDirector", 1, 1000) : d.maxTasksPerDirector();
            int workers = map.containsKey("maxWorkers")
                    ? integer(map.get("maxWorkers").getValueNode(), "capacity.maxWorkers", 1, 1_000_000) : d.maxWorkers();
            return new CapacitySettings(tasks, workers);
        }

        Placement placement(Node node, String field) {
            Map<String, NodeTuple> map = mapping(node, field, Set.of("maxReplicasPerNode", "constraints", "spreadOver"));
            int max = map.containsKey("maxReplicasPerNode")
                    ? integer(map.get("maxReplicasPerNode").getValueNode(), field + ".maxReplicasPerNode", 0, 1000) : 0;
            List<String> constraints = map.containsKey("constraints")
                    ? strings(map.get("constraints").getValueNode(), field + ".constraints") : List.of();
            for (int i = 0; i < constraints.size(); i++) {
                String c = constraints.get(i);
                if (!(c.contains("==") || c.contains("!=")) || hasControl(c)) {
                    throw error(Objects.requireNonNull(map.get("constraints")).getValueNode(), field + ".constraints[" + i + "]",
                            "must be a Swarm constraint such as node.role==worker, was '" + c + "'");
                }
            }
            List<String> spread = map.containsKey("spreadOver") ? strings(map.get("spreadOver").getValueNode(), field + ".spreadOver") : List.of();
            for (int i = 0; i < spread.size(); i++) {
                if (!SPREAD.matcher(spread.get(i)).matches()) {
                    throw error(Objects.requireNonNull(map.get("spreadOver")).getValueNode(), field + ".spreadOver[" + i + "]",
                            "must be a node label descriptor such as node.labels.zone, was '" + spread.get(i) + "'");
                }
            }
            return new Placement(max, constraints, spread);
        }

        List<String> strings(Node node, String field) {
            if (!(node instanceof SequenceNode sequence)) {
                throw error(node, field, "must be a list of strings");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                values.add(scalar(sequence.getValue().get(i), field + "[" + i + "]"));
            }
            return values;
        }

        Duration duration(Node node, String field, Duration min, Duration max) {
            String text = scalar(node, field);
            Duration value;
            try {
                value = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw error(node, field, "must be an ISO-8601 duration such as PT5S, was '" + text + "'");
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw error(node, field, "must be between " + min + " and " + max + ", was " + text);
            }
            return value;
        }

        static boolean hasControl(String text) {
            return text.chars().anyMatch(Character::isISOControl);
        }

        Limits limits(@Nullable NodeTuple tuple) {
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

        List<ImageRule> images(Node node, Limits limits, @Nullable RegistryAuth defaultAuth) {
            if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                throw error(node, "images", "must be a non-empty list of {imageName, args}");
            }
            List<ImageRule> rules = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String field = "images[" + i + "]";
                Map<String, NodeTuple> map = mapping(item, field, Set.of("imageName", "args", "resources", "placement", "distribution", "registryAuth"));
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
                Placement placement = map.containsKey("placement")
                        ? placement(map.get("placement").getValueNode(), field + ".placement") : Placement.ANYWHERE;
                ImageDistribution distribution = ImageDistribution.byDefault(reference);
                if (map.containsKey("distribution")) {
                    Node distributionNode = map.get("distribution").getValueNode();
                    String text = scalar(distributionNode, field + ".distribution");
                    distribution = ImageDistribution.ofLabel(text).orElseThrow(() -> error(distributionNode, field + ".distribution",
                            "must be registry (run by repository digest) or local (by this node's image id), was '" + text + "'"));
                }
                RegistryAuth auth = defaultAuth;
                if (map.containsKey("registryAuth")) {
                    NodeTuple authTuple = map.get("registryAuth");
                    if (distribution != ImageDistribution.REGISTRY) {
                        throw error(authTuple.getKeyNode(), field + ".registryAuth", "applies only to an image with distribution registry");
                    }
                    auth = registryAuth(authTuple.getValueNode(), field + ".registryAuth");
                }
                rules.add(new ImageRule(name, reference, args, resources, placement, distribution,
                        distribution == ImageDistribution.REGISTRY ? auth : null));
            }
            return rules;
        }

        /** A {username, passwordFile} mapping; the password itself never appears in the configuration. */
        RegistryAuth registryAuth(Node node, String field) {
            Map<String, NodeTuple> map = mapping(node, field, Set.of("username", "passwordFile"));
            for (String required : List.of("username", "passwordFile")) {
                if (!map.containsKey(required)) {
                    throw error(node, field + "." + required, "is required");
                }
            }
            Node userNode = Objects.requireNonNull(map.get("username")).getValueNode();
            String username = scalar(userNode, field + ".username");
            if (username.isBlank()) {
                throw error(userNode, field + ".username", "must not be blank");
            }
            Node fileNode = Objects.requireNonNull(map.get("passwordFile")).getValueNode();
            String file = scalar(fileNode, field + ".passwordFile");
            if (!file.startsWith("/")) {
                throw error(fileNode, field + ".passwordFile", "must be the absolute path of a file holding the password (never the password), was '"
                        + file + "'");
            }
            return new RegistryAuth(username, Path.of(file).normalize());
        }

        List<ArgRule> args(Node node, String field) {
            if (!(node instanceof SequenceNode sequence)) {
                throw error(node, field, "must be a list of {name, required, secret}");
            }
            List<ArgRule> args = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String argField = field + "[" + i + "]";
                Map<String, NodeTuple> map = mapping(item, argField, Set.of("name", "required", "secret"));
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
                boolean secret = map.containsKey("secret") && bool(map.get("secret").getValueNode(), argField + ".secret");
                args.add(new ArgRule(name, required, secret));
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
                throw error(node, field, Objects.requireNonNull(e.getMessage()));
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
