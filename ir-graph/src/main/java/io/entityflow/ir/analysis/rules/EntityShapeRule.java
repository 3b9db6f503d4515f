package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

/** EF113: an entity is a public, concrete, top-level class (the runtime creates it and extends it). */
public final class EntityShapeRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        ClassOrInterfaceDeclaration type = entity.declaration();
        String problem = null;
        if (type.isInterface()) {
            problem = "an interface cannot be an entity: put @Entity on a class";
        } else if (!type.isTopLevelType()) {
            problem = "an entity must be a top-level class: move `" + entity.name() + "` into its own file";
        } else if (!type.isPublic()) {
            problem = "an entity class must be public so that clients and the runtime can create it: add `public`";
        } else if (type.isAbstract()) {
            problem = "an abstract class cannot be an entity: entities are created by their constructors; remove `abstract`"
                    + " (share code through a helper class or record instead of a base class)";
        } else if (!type.getTypeParameters().isEmpty()) {
            problem = "an entity class cannot be generic: the runtime stores one concrete state per key";
        }
        if (problem != null) {
            context.report(Code.EF113, entity, type.getName(), problem);
        }
    }
}
