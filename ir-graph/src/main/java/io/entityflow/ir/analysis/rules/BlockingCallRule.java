package io.entityflow.ir.analysis.rules;

import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.entityflow.ir.diag.Code;
import io.entityflow.ir.model.EntityModel;

import java.util.Set;

/** EF201: an entity processes one event at a time; a call that blocks stalls every entity of its worker. */
public final class BlockingCallRule implements Rule {
    private static final Set<String> BLOCKING_CALLS = Set.of("Thread.sleep", "TimeUnit.sleep", "SECONDS.sleep",
            "MILLISECONDS.sleep", "Thread.join", "Files.readString", "Files.writeString", "Files.readAllBytes",
            "Files.readAllLines", "Files.write", "Files.lines", "Files.newInputStream", "Files.newOutputStream",
            "Files.newBufferedReader", "Files.newBufferedWriter", "Files.copy", "Files.delete", "Files.createFile",
            "System.in.read", "in.read", "HttpClient.send", "client.send", "Runtime.exec", "ProcessBuilder.start",
            "LockSupport.park", "future.get", "CompletableFuture.join");
    private static final Set<String> BLOCKING_TYPES = Set.of("FileInputStream", "FileOutputStream", "FileReader",
            "FileWriter", "RandomAccessFile", "Socket", "ServerSocket", "DatagramSocket", "URL",
            "ProcessBuilder");

    @Override
    public void check(EntityModel entity, RuleContext context) {
        for (MethodCallExpr call : entity.declaration().findAll(MethodCallExpr.class)) {
            boolean objectWait = call.getNameAsString().equals("wait") && call.getArguments().size() <= 1
                    && call.getScope().isEmpty();
            if (objectWait || CallPatterns.matches(call, BLOCKING_CALLS)) {
                context.report(Code.EF201, entity, call, "`" + call + "` blocks: an entity handles one event at a time, so"
                        + " every entity on this worker waits with it; use state and a later call instead of waiting");
            }
        }
        for (ObjectCreationExpr creation : entity.declaration().findAll(ObjectCreationExpr.class)) {
            if (CallPatterns.creates(creation, BLOCKING_TYPES)) {
                context.report(Code.EF201, entity, creation, "`" + creation + "` does blocking I/O inside an entity, which"
                        + " stalls every entity of its worker and is repeated on recovery; keep I/O outside entities");
            }
        }
        for (FieldAccessExpr access : entity.declaration().findAll(FieldAccessExpr.class)) {
            if (access.toString().equals("System.in")) {
                context.report(Code.EF201, entity, access, "`System.in` blocks and is not available to entities on a cluster");
            }
        }
    }
}
