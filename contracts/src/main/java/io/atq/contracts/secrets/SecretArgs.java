package io.atq.contracts.secrets;

import io.atq.contracts.config.ArgRule;
import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ImageRule;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.images.InvalidImageReferenceException;
import io.atq.contracts.validation.AdmittedSpec;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Hides the values of args the whitelist declares {@code secret: true}. The task log stream carries them in clear
 * (the director must pass them to the containers); everything ATQ shows or writes goes through here first.
 */
public final class SecretArgs {
    /** Secret values shorter than this are not scrubbed from free text: "1" would mask every digit of a log. */
    static final int MIN_SCRUBBED_LENGTH = 4;

    private final AtqConfig config;

    public SecretArgs(AtqConfig config) {
        this.config = config;
    }

    /** The spec with every secret arg's value replaced by {@link ArgRule#MASK}. */
    public TaskSpec masked(TaskSpec spec) {
        // A validated spec (the only kind shown) has workers and a master.
        WorkerSpec workers = new WorkerSpec(spec.workers().image(), spec.workers().replicas(),
                mask(spec.workers().image(), spec.workers().args()), spec.workers().port());
        MasterSpec master = new MasterSpec(spec.master().image(), mask(spec.master().image(), spec.master().args()));
        return new TaskSpec(spec.name(), workers, master, spec.timeout(), spec.labels(), spec.bundle(), spec.callback(),
                spec.thresholds());
    }

    /** The args with secret values masked, for an image as requested. */
    public Map<String, String> mask(String image, Map<String, String> args) {
        Optional<ImageRule> rule = rule(image);
        Map<String, String> shown = new LinkedHashMap<>();
        args.forEach((name, value) -> shown.put(name, rule.map(r -> r.isSecret(name)).orElse(false) && value != null ? ArgRule.MASK : value));
        return shown;
    }

    /** Every secret value in the spec, longest first, for scrubbing free text such as logs. */
    public List<String> secretValues(@Nullable TaskSpec spec) {
        List<String> values = new ArrayList<>();
        if (spec != null && spec.workers() != null) {
            collect(rule(spec.workers().image()), spec.workers().args(), values);
        }
        if (spec != null && spec.master() != null) {
            collect(rule(spec.master().image()), spec.master().args(), values);
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return values;
    }

    /** {@code text} with every occurrence of a secret value of {@code spec} replaced by {@link ArgRule#MASK}. */
    public String scrub(@Nullable TaskSpec spec, String text) {
        return scrubber(spec).apply(text);
    }

    /**
     * Scrubs one task's free text line after line: the spec's secret values are found once, here, not once per line.
     */
    public UnaryOperator<String> scrubber(@Nullable TaskSpec spec) {
        return scrubbing(secretValues(spec));
    }

    /** As {@link #scrubber(TaskSpec)}, for an admitted spec: its images' rules are already known. */
    public static UnaryOperator<String> scrubber(AdmittedSpec admitted) {
        List<String> values = new ArrayList<>();
        collect(Optional.of(admitted.workers().rule()), admitted.spec().workers().args(), values);
        collect(Optional.of(admitted.master().rule()), admitted.spec().master().args(), values);
        values.sort(Comparator.comparingInt(String::length).reversed());
        return scrubbing(values);
    }

    private static UnaryOperator<String> scrubbing(List<String> secretsLongestFirst) {
        List<String> secrets = List.copyOf(secretsLongestFirst);
        return text -> {
            String result = text;
            for (String secret : secrets) {
                result = result.replace(secret, ArgRule.MASK);
            }
            return result;
        };
    }

    private static void collect(Optional<ImageRule> rule, Map<String, String> args, List<String> into) {
        rule.ifPresent(r -> args.forEach((name, value) -> {
            if (r.isSecret(name) && value != null && value.length() >= MIN_SCRUBBED_LENGTH && !into.contains(value)) {
                into.add(value);
            }
        }));
    }

    private Optional<ImageRule> rule(@Nullable String image) {
        if (image == null) {
            return Optional.empty();
        }
        try {
            return config.ruleFor(ImageReference.parse(image));
        } catch (InvalidImageReferenceException e) {
            return Optional.empty();
        }
    }
}
