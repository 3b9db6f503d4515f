package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.body.FieldDeclaration;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

/** EF105: a static non-final field is state shared by all entities of a type, and it is neither saved nor distributed. */
public final class StaticFieldRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (FieldDeclaration field : entity.declaration().getFields()) {
            if (field.isStatic() && !field.isFinal()) {
                field.getVariables().forEach(variable -> context.report(Code.EF105, entity, variable,
                        "static field `" + variable.getName() + "` is not final: static state is not saved in checkpoints"
                                + " and differs between workers; make it an instance field, or `static final` if it is a constant"));
            }
        }
    }
}
