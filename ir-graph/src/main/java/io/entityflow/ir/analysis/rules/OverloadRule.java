package io.entityflow.ir.analysis.rules;

import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EF108: public methods are called by name over the wire, so one name is one method; and a method that
 * makes remote calls is resumed by name too (its state machine is found by name when a result arrives),
 * so it cannot share its name with another method either.
 */
public final class OverloadRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
        checkPublic(entity, context);
        checkSuspending(entity, context);
    }

    private static void checkSuspending(EntityModel entity, RuleContext context) {
        Map<String, MethodModel> first = new LinkedHashMap<>();
        for (MethodModel method : entity.methods()) {
            if (method.isStatic()) {
                continue;
            }
            MethodModel earlier = first.putIfAbsent(method.name(), method);
            boolean bothPublic = earlier != null && earlier.isPublic() && method.isPublic();
            if (earlier != null && !bothPublic && (method.isSuspending() || earlier.isSuspending())) {
                context.report(Code.EF108, entity, method.declaration().getName(), "method `" + method.name()
                        + "` is overloaded and makes remote calls: a method that waits for another entity is resumed"
                        + " by its name, so it needs a name of its own; rename one of the overloads",
                        context.related(entity, earlier.declaration().getName(), "the other `" + method.name() + "`"));
            }
        }
    }

    private static void checkPublic(EntityModel entity, RuleContext context) {
        Map<String, MethodModel> first = new LinkedHashMap<>();
        for (MethodModel method : entity.methods()) {
            if (!method.isPublic() || method.isStatic()) {
                continue;
            }
            MethodModel earlier = first.putIfAbsent(method.name(), method);
            if (earlier != null) {
                context.report(Code.EF108, entity, method.declaration().getName(), "public method `" + method.name()
                        + "` is overloaded: clients and other entities call methods by name; give this one its own name",
                        context.related(entity, earlier.declaration().getName(), "the first `" + method.name() + "`"));
            }
        }
    }
}
