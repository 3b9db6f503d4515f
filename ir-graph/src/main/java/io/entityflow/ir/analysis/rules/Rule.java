package io.entityflow.ir.analysis.rules;

import io.entityflow.ir.model.EntityModel;

/** One check of the entity language, run on each entity; reports through the context. */
public interface Rule {
    void check(EntityModel entity, RuleContext context);
}
