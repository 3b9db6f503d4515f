package io.entityflow.ir.diag;

/** A second place a diagnostic points at: the remote call, declaration or first definition involved. */
public record RelatedLocation(String file, SourceRange range, String message) {
}
