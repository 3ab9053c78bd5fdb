package io.atq.contracts.validation;

import java.util.List;

/** What {@link TaskSpecValidator#admit} made of a spec: admitted with its images resolved, or refused naming every problem. */
public sealed interface Admission {

    /** The spec may run. */
    record Admitted(AdmittedSpec spec) implements Admission {
    }

    /** The spec may not run; {@code violations} is never empty. */
    record Refused(List<Violation> violations) implements Admission {
        public Refused {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a refusal names at least one violation");
            }
        }
    }
}
