package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;

import java.util.Set;

/** EF203: a transaction may be retried after a conflict; a random or clock value then differs between attempts. */
public final class NonDeterminismRule implements Rule {
    private static final Set<String> CALLS = Set.of("Math.random", "System.currentTimeMillis", "System.nanoTime",
            "UUID.randomUUID", "ThreadLocalRandom.current", "Instant.now", "LocalDateTime.now", "LocalDate.now",
            "LocalTime.now", "ZonedDateTime.now", "OffsetDateTime.now", "Clock.systemUTC", "Clock.systemDefaultZone");
    private static final Set<String> TYPES = Set.of("Random", "SecureRandom", "SplittableRandom", "Date");

    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (MethodModel method : entity.methods()) {
            if (!method.isTransactional()) {
                continue;
            }
            String advice = ": a transaction can be retried after a conflict and would then see a different value;"
                    + " pass the value in as a parameter instead";
            for (MethodCallExpr call : method.declaration().findAll(MethodCallExpr.class)) {
                if (CallPatterns.matches(call, CALLS)) {
                    context.report(Code.EF203, entity, call, "`" + call + "` is not deterministic" + advice,
                            context.related(entity, method.declaration().getName(), "the @Transactional method"));
                }
            }
            for (ObjectCreationExpr creation : method.declaration().findAll(ObjectCreationExpr.class)) {
                if (CallPatterns.creates(creation, TYPES)) {
                    context.report(Code.EF203, entity, creation, "`" + creation + "` is not deterministic" + advice,
                            context.related(entity, method.declaration().getName(), "the @Transactional method"));
                }
            }
        }
    }
}
