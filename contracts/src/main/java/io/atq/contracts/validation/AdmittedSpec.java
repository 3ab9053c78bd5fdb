package io.atq.contracts.validation;

import io.atq.contracts.messages.TaskSpec;

import java.util.Objects;

/**
 * A task spec that passed {@link TaskSpecValidator#admit}, with its images {@link AdmittedImage admitted}. The spec
 * itself travels unchanged (its image fields stay the text the client sent).
 *
 * @param spec    the spec as requested
 * @param workers the workers' image
 * @param master  the master's image
 */
public record AdmittedSpec(TaskSpec spec, AdmittedImage workers, AdmittedImage master) {
    public AdmittedSpec {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(master, "master");
    }
}
