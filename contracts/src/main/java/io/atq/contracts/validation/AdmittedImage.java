package io.atq.contracts.validation;

import io.atq.contracts.config.ImageRule;
import io.atq.contracts.config.Placement;
import io.atq.contracts.config.Resources;
import io.atq.contracts.images.ImageReference;

import java.util.Objects;

/**
 * A requested image as admitted: parsed once, with the whitelist rule that admitted it, so nothing downstream parses
 * the request's text again or looks the rule up again (once per poll, once per log line).
 *
 * @param requested the reference as the request wrote it (what the task log and the API show)
 * @param reference the same, parsed and normalised
 * @param rule      the whitelist rule that {@link ImageRule#reference() admits} it
 */
public record AdmittedImage(String requested, ImageReference reference, ImageRule rule) {
    public AdmittedImage {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(rule, "rule");
    }

    /** The short form Docker shows for local images, e.g. {@code atq/demo-worker:1}. */
    public String familiar() {
        return reference.familiar();
    }

    /** Its containers' limits. */
    public Resources resources() {
        return rule.resources();
    }

    /** Where its containers may run. */
    public Placement placement() {
        return rule.placement();
    }
}
