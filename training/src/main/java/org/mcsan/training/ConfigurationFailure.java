package org.mcsan.training;

import org.mcsan.contracts.run.UnitFailure;

/**
 * A unit's failure caused by its configuration (a {@link UnitFailure} kind): retrying would fail the same way, so the
 * unit records it instead of letting Spark retry the task.
 */
final class ConfigurationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String kind;

    ConfigurationFailure(String kind, String message) {
        super(message);
        this.kind = kind;
    }
}
