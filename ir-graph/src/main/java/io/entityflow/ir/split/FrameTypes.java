package io.entityflow.ir.split;

import java.util.Optional;
import java.util.Set;

/**
 * Whether a local can be saved in a frame: frames are checkpointed and sent between workers, so a value
 * live across a remote call must be serialisable. Types are judged by name, since locals may be written
 * with simple names; only types known to hold resources or behaviour are refused.
 */
final class FrameTypes {
    private static final Set<String> REFUSED = Set.of("Iterator", "ListIterator", "Spliterator",
            "Enumeration", "Stream", "IntStream", "LongStream", "DoubleStream", "InputStream", "OutputStream",
            "Reader", "Writer", "BufferedReader", "BufferedWriter", "Scanner", "Socket", "ServerSocket", "Thread",
            "Runnable", "Callable", "Function", "BiFunction", "Supplier", "Consumer", "BiConsumer", "Predicate",
            "BiPredicate", "UnaryOperator", "BinaryOperator", "Future", "CompletableFuture", "Lock", "ReentrantLock",
            "Connection", "Statement", "ResultSet", "Channel", "FileChannel", "Path", "File");

    private FrameTypes() {
    }

    static Optional<String> problem(String javaType) {
        String erased = JavaTypes.erased(javaType).replace("[]", "");
        String simple = erased.substring(erased.lastIndexOf('.') + 1);
        if (erased.equals("java.lang.Throwable")) {
            return Optional.empty(); // the pending exception of a finally block travels as type and message
        }
        return REFUSED.contains(simple)
                ? Optional.of("a `" + javaType + "` holds resources or behaviour, not a value")
                : Optional.empty();
    }
}
