package io.entityflow.ir.analysis.rules;

import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.LinkedHashMap;
import java.util.Map;

/** EF108: public methods are called by name over the wire, so one name is one method. */
public final class OverloadRule implements Rule {
    @Override
    public void check(EntityModel entity, RuleContext context) {
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
