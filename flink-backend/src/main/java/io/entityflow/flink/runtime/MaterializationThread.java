package io.entityflow.flink.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a task's changelog materialisations run beside its checkpoints instead of in front of them.
 *
 * <p>Flink runs a task's asynchronous checkpoint parts and the changelog backend's periodic materialisations
 * (a full snapshot of an operator's keyed state, every few seconds) on one executor, meant to have up to
 * max-concurrent-checkpoints + 1 threads; but it has no core threads and an unbounded queue, so it never
 * starts a second one (FLINK-34670, not merged). A checkpoint taken while an operator materialises then waits
 * for the whole snapshot to be written — 150–550 ms for some 100,000 entities — and so does every committed
 * response held for it: that set the p99 of committed responses at low and moderate load. Each entity
 * operator, at its setup (before the task's state backends exist), gives that executor one more thread than
 * it will keep busy materialising: its own materialisation and one for the checkpoint. (The hand-written
 * baseline job of {@code entityflow bench} does the same, so the two are compared on equal terms.)
 */
public final class MaterializationThread {
    private static final Logger LOG = LoggerFactory.getLogger(MaterializationThread.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private MaterializationThread() {
    }

    /** Once per keyed operator of the task whose asynchronous-operations executor this is. */
    public static void addOne(ExecutorService taskAsyncOperations) {
        ThreadPoolExecutor executor = unwrap(taskAsyncOperations);
        if (executor == null) {
            if (WARNED.getAndSet(true)) {
                return; // once per JVM: the same for every task
            }
            LOG.warn("the task's asynchronous operations run on a {}, not a thread pool entityflow knows: checkpoints"
                    + " may wait for changelog materialisations", taskAsyncOperations.getClass().getName());
            return;
        }
        synchronized (executor) {
            // the first operator adds the checkpoint's thread too
            int threads = Math.max(executor.getCorePoolSize(), 1) + 1;
            if (executor.getMaximumPoolSize() < threads) {
                executor.setMaximumPoolSize(threads);
            }
            executor.setCorePoolSize(threads);
            executor.allowCoreThreadTimeOut(true); // idle threads still end, as before
        }
    }

    /** The pool itself, or the one Flink's MDC wrapper (which scopes log context to the job) delegates to. */
    private static ThreadPoolExecutor unwrap(ExecutorService service) {
        if (service instanceof ThreadPoolExecutor pool) {
            return pool;
        }
        for (Class<?> type = service.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field delegate = type.getDeclaredField("delegate");
                delegate.setAccessible(true);
                return delegate.get(service) instanceof ThreadPoolExecutor pool ? pool : null;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
