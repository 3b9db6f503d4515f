package io.entityflow.ir.diag;

/**
 * The stable diagnostic codes of the entity language. The list only grows; a code is never renumbered
 * or reused, because users suppress, search and document them by number.
 */
public enum Code {
    EF100(Severity.ERROR, "syntax error"),
    EF101(Severity.ERROR, "remote call inside a lambda, method reference, anonymous or local class"),
    EF102(Severity.ERROR, "remote call in a constructor, initializer or static method"),
    EF103(Severity.ERROR, "remote call inside synchronized"),
    EF104(Severity.ERROR, "direct access to another entity's field"),
    EF105(Severity.ERROR, "static non-final field in an entity"),
    EF106(Severity.ERROR, "type that cannot be serialised"),
    EF107(Severity.ERROR, "missing, duplicate, mistyped or reassigned @Key"),
    EF108(Severity.ERROR, "overloaded public method"),
    EF109(Severity.ERROR, "@ReadOnly method that writes state"),
    EF110(Severity.ERROR, "call through a value whose type cannot be resolved"),
    EF111(Severity.ERROR, "construct that cannot span a remote call"),
    EF112(Severity.ERROR, "unresolved type"),
    EF113(Severity.ERROR, "malformed entity class"),
    EF114(Severity.ERROR, "an entity reference used as the entity object (string conversion, getClass)"),
    EF201(Severity.WARNING, "blocking call in an entity"),
    EF202(Severity.WARNING, "remote call inside a loop"),
    EF203(Severity.WARNING, "non-deterministic call in a @Transactional method"),
    EF204(Severity.WARNING, "relies on sharing a value with another entity (values are copied between entities)");

    private final Severity severity;
    private final String title;

    Code(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}
