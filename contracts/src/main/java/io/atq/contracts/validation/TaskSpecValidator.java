package io.atq.contracts.validation;

import io.atq.contracts.config.ArgRule;
import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ImageRule;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.images.InvalidImageReferenceException;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdMetric;
import io.atq.contracts.names.EnvVars;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a {@link TaskSpec} against the whitelist and limits. Pure: the gateway runs it before publishing,
 * every director runs it again before its first Docker call. Reports every problem, each naming its field.
 */
public final class TaskSpecValidator {
    private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_NAME = 100;
    private static final int MAX_VALUE = 4096;
    private static final int MAX_ARGS = 64;
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");
    private static final Pattern BUNDLE_ID = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_LABELS = 32;
    private static final int MAX_LABEL_VALUE = 256;
    private static final int MAX_LABELS_TOTAL = 4096;
    private static final int MAX_URL = 2048;
    /** At most this many thresholds a task. */
    public static final int MAX_THRESHOLDS = 32;
    private static final int MAX_THRESHOLD_LABEL = 256;
    private static final String LONE_SURROGATE = "must not contain a lone UTF-16 surrogate (half of a \\uXXXX pair)";

    private final AtqConfig config;

    public TaskSpecValidator(AtqConfig config) {
        this.config = config;
    }

    /** Every problem with the spec; empty when it may run. */
    public List<Violation> validate(@Nullable TaskSpec spec) {
        return switch (admit(spec)) {
            case Admission.Admitted admitted -> List.of();
            case Admission.Refused refused -> refused.violations();
        };
    }

    /**
     * Admits the spec with its images parsed and their whitelist rules found, once: what runs it carries the
     * {@link AdmittedSpec} instead of parsing the image text again. Refused: every problem, each naming its field.
     */
    public Admission admit(@Nullable TaskSpec spec) {
        List<Violation> violations = new ArrayList<>();
        if (spec == null) {
            violations.add(new Violation("", "a task spec is required"));
            return new Admission.Refused(violations);
        }
        checkName(spec.name(), violations);
        Optional<AdmittedImage> workers = Optional.empty();
        if (spec.workers() == null) {
            violations.add(new Violation("workers", "is required"));
        } else {
            workers = image(spec.workers().image(), "workers.image", violations);
            Optional<ImageRule> rule = workers.map(AdmittedImage::rule);
            int replicas = spec.workers().replicas();
            int max = config.limits().maxReplicas();
            if (replicas < 1 || replicas > max) {
                violations.add(new Violation("workers.replicas", "must be between 1 and " + max + ", was " + replicas));
            }
            Integer port = spec.workers().port();
            if (port != null && (port < 1 || port > 65535)) {
                violations.add(new Violation("workers.port", "must be between 1 and 65535, was " + port));
            }
            rule.ifPresent(r -> checkArgs(r, spec.workers().args(), "workers.args", violations));
        }
        Optional<AdmittedImage> master = Optional.empty();
        if (spec.master() == null) {
            violations.add(new Violation("master", "is required"));
        } else {
            master = image(spec.master().image(), "master.image", violations);
            master.ifPresent(image -> checkArgs(image.rule(), spec.master().args(), "master.args", violations));
        }
        checkTimeout(spec.timeout(), violations);
        checkLabels(spec.labels(), violations);
        if (spec.bundle() != null && !BUNDLE_ID.matcher(spec.bundle()).matches()) {
            violations.add(new Violation("bundle", "must be a bundle id (64 lower-case hex digits, from POST /v1/bundles), was '"
                    + printable(spec.bundle()) + "'"));
        }
        if (spec.callback() != null) {
            checkCallbackUrl(spec.callback().url(), violations);
        }
        checkThresholds(spec.thresholds(), violations);
        if (!violations.isEmpty()) {
            return new Admission.Refused(violations);
        }
        // No violation: both images were admitted.
        return new Admission.Admitted(new AdmittedSpec(spec, workers.orElseThrow(), master.orElseThrow()));
    }

    private void checkLabels(Map<String, String> labels, List<Violation> violations) {
        if (labels.size() > MAX_LABELS) {
            violations.add(new Violation("labels", "at most " + MAX_LABELS + " labels, was " + labels.size()));
            return;
        }
        int total = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            String field = "labels." + (key.isEmpty() ? "\"\"" : printable(key));
            if (!LABEL_KEY.matcher(key).matches()) {
                violations.add(new Violation(field, "a label key is 1-63 of letters, digits, '.', '_', '/', '-' starting with a letter or digit"));
            }
            String value = label.getValue();
            if (value == null) {
                violations.add(new Violation(field, "must be a string"));
                continue;
            }
            total += key.length() + value.length();
            if (value.length() > MAX_LABEL_VALUE) {
                violations.add(new Violation(field, "must be at most " + MAX_LABEL_VALUE + " characters, was " + value.length()));
            } else if (hasControl(value)) {
                violations.add(new Violation(field, "must not contain control characters"));
            } else if (hasLoneSurrogate(value)) {
                violations.add(new Violation(field, LONE_SURROGATE));
            }
        }
        if (total > MAX_LABELS_TOTAL) {
            violations.add(new Violation("labels", "keys and values together must be at most " + MAX_LABELS_TOTAL + " characters, was " + total));
        }
    }

    /** Form only; whether the host is public is the gateway's SSRF guard (it needs a resolver). */
    private void checkCallbackUrl(String url, List<Violation> violations) {
        String field = "callbackUrl";
        if (url == null || url.isEmpty()) {
            violations.add(new Violation(field, "is required with callbackEvents"));
            return;
        }
        if (url.length() > MAX_URL || hasControl(url) || hasLoneSurrogate(url)) {
            violations.add(new Violation(field, "must be a URL of at most " + MAX_URL + " printable characters"));
            return;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            violations.add(new Violation(field, "is not a valid URL: " + e.getReason()));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            violations.add(new Violation(field, "must be an absolute http or https URL, was '" + printable(url) + "'"));
        } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
            violations.add(new Violation(field, "must name a host"));
        } else if (uri.getRawUserInfo() != null) {
            violations.add(new Violation(field, "must not carry credentials (user:password@): requests are signed instead"));
        } else if (uri.getRawFragment() != null) {
            violations.add(new Violation(field, "must not have a fragment (#…)"));
        }
    }

    private void checkName(String name, List<Violation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            violations.add(new Violation("name", "must be at most " + MAX_NAME + " characters, was " + name.length()));
        } else if (hasControl(name)) {
            violations.add(new Violation("name", "must not contain control characters"));
        } else if (hasLoneSurrogate(name)) {
            violations.add(new Violation("name", LONE_SURROGATE));
        }
    }

    private Optional<AdmittedImage> image(String raw, String field, List<Violation> violations) {
        if (raw == null || raw.isEmpty()) {
            violations.add(new Violation(field, "is required"));
            return Optional.empty();
        }
        ImageReference requested;
        try {
            requested = ImageReference.parse(raw);
        } catch (InvalidImageReferenceException e) {
            violations.add(new Violation(field, Objects.requireNonNull(e.getMessage())));
            return Optional.empty();
        }
        Optional<ImageRule> rule = config.ruleFor(requested);
        if (rule.isEmpty()) {
            violations.add(new Violation(field, "'" + raw + "' is not in the image whitelist (GET /v1/images lists it)"));
        }
        return rule.map(r -> new AdmittedImage(raw, requested, r));
    }

    private void checkArgs(ImageRule rule, Map<String, String> args, String field, List<Violation> violations) {
        Map<String, String> given = args == null ? Map.of() : args;
        if (given.size() > MAX_ARGS) {
            violations.add(new Violation(field, "at most " + MAX_ARGS + " args, was " + given.size()));
            return;
        }
        given.forEach((name, value) -> {
            // An empty name is shown as "" so the field does not read as the args object itself.
            String argField = field + "." + (name.isEmpty() ? "\"\"" : name);
            if (!ARG_NAME.matcher(name).matches()) {
                violations.add(new Violation(argField, "'" + printable(name) + "' is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"));
            } else if (EnvVars.isReserved(name)) {
                violations.add(new Violation(argField, "'" + name + "' is reserved: the platform injects it"));
            } else if (rule.arg(name).isEmpty()) {
                violations.add(new Violation(argField, "is not declared for image " + rule.imageName()
                        + " (declared: " + rule.args().stream().map(ArgRule::name).toList() + ")"));
            }
            if (value == null) {
                violations.add(new Violation(argField, "must be a string"));
            } else if (value.length() > MAX_VALUE) {
                violations.add(new Violation(argField, "must be at most " + MAX_VALUE + " characters, was " + value.length()));
            } else if (hasControl(value)) {
                violations.add(new Violation(argField, "must not contain control characters (newline, NUL, …)"));
            } else if (hasLoneSurrogate(value)) {
                violations.add(new Violation(argField, LONE_SURROGATE));
            }
        });
        for (ArgRule arg : rule.args()) {
            if (arg.required() && !given.containsKey(arg.name())) {
                violations.add(new Violation(field + "." + arg.name(), "is required for image " + rule.imageName()));
            }
        }
    }

    private void checkTimeout(Duration timeout, List<Violation> violations) {
        Duration max = config.limits().maxTimeout();
        if (timeout == null) {
            violations.add(new Violation("timeout", "is required"));
        } else if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(max) > 0) {
            violations.add(new Violation("timeout", "must be more than zero and at most " + max + ", was " + timeout));
        }
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029);
    }

    private static boolean isUnsafe(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.SURROGATE;
    }

    // JSON may escape half of a surrogate pair ("\\ud800" alone); such a string has no UTF-8 form, so the container's
    // environment would get a replacement character instead of what was validated.
    private static boolean hasLoneSurrogate(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    // Echoed names are escaped so a problem cannot carry a bidi override or line break into a terminal or log.
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(isUnsafe(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }

    /**
     * Each threshold names a known metric, a label ({@code *} for all samples) and exactly one finite bound:
     * latencies at least 0 ms, {@code errorRate} from 0 to 1, the others at least 0.
     */
    private static void checkThresholds(List<Threshold> thresholds, List<Violation> violations) {
        if (thresholds.size() > MAX_THRESHOLDS) {
            violations.add(new Violation("thresholds", "at most " + MAX_THRESHOLDS + " thresholds, was " + thresholds.size()));
            return;
        }
        for (int i = 0; i < thresholds.size(); i++) {
            String field = "thresholds[" + i + "]";
            Threshold threshold = thresholds.get(i);
            if (threshold == null) {
                violations.add(new Violation(field, "must be an object such as {\"metric\": \"p95\", \"below\": \"PT0.5S\"}"));
                continue;
            }
            ThresholdMetric metric = ThresholdMetric.named(threshold.metric());
            if (threshold.metric() == null) {
                violations.add(new Violation(field + ".metric", "is required (one of " + ThresholdMetric.names() + ")"));
            } else if (metric == null) {
                violations.add(new Violation(field + ".metric", "must be one of " + ThresholdMetric.names() + ", was '"
                        + printable(threshold.metric()) + "'"));
            }
            String label = threshold.label();
            if (label.isEmpty() || label.length() > MAX_THRESHOLD_LABEL || label.chars().anyMatch(Character::isISOControl)) {
                violations.add(new Violation(field + ".label", "must be '*' (all samples) or a label of 1-" + MAX_THRESHOLD_LABEL
                        + " characters without control characters"));
            }
            if ((threshold.below() == null) == (threshold.above() == null)) {
                violations.add(new Violation(field, "must set exactly one of 'below' and 'above'"));
                continue;
            }
            String bound = threshold.below() != null ? "below" : "above";
            double value = threshold.below() != null ? threshold.below() : Objects.requireNonNull(threshold.above());
            if (!Double.isFinite(value) || value < 0) {
                violations.add(new Violation(field + "." + bound, "must be finite and at least 0, was " + value));
            } else if (metric == ThresholdMetric.ERROR_RATE && value > 1) {
                violations.add(new Violation(field + "." + bound, "an error rate is a fraction from 0 to 1 (0.01 is 1 %), was " + value));
            }
        }
    }
}
