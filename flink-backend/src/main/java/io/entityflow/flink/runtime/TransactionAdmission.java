package io.entityflow.flink.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Admission control for one loop subtask of an embedded job: the transactions whose roots its entity operators
 * hold, and whether its request reader may hand on another request (docs/transactions.md, "Admission").
 * Strict two-phase locking thrashes when every outstanding request begins its transaction at once: conflicts
 * grow with the square of the transactions in flight, and each abort costs a round of rollbacks and a retry.
 * A reader that pauses while {@code cap} transactions are active keeps the rest of the requests in the log,
 * where they cost nothing and lose nothing.
 *
 * <p>The reader and the entity operators of a subtask run chained in one task and meet here by job and subtask
 * index: requests are partitioned by key group, so the reader of subtask p feeds exactly the roots on subtask p.
 * Transactions are counted by id, not by a plain counter, so that a task attempt's count starts clean: the
 * reader of a new attempt clears the ids (those of the failed attempt never end), and the ends of transactions
 * restored from the checkpoint, which did not begin in this attempt, are ignored. When no transaction has ended for
 * {@link #MAX_PAUSE_NANOS} of a pause (the reader learns it within twice that; the collector's pauses do not count),
 * one more request goes in, so a transaction that never ends (a bug) slows the intake instead of stopping it.
 */
public final class TransactionAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionAdmission.class);
    /** How long the reader waits at the cap for a transaction to end before it lets one more request in. */
    static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long NOT_PAUSED = Long.MIN_VALUE;
    private static final CompletableFuture<Void> ADMITTING = CompletableFuture.completedFuture(null);
    private static final Map<String, Map<Integer, TransactionAdmission>> BY_JOB = new ConcurrentHashMap<>();
    private static final Executor AFTER_A_PAUSE = CompletableFuture.delayedExecutor(MAX_PAUSE_NANOS, TimeUnit.NANOSECONDS);

    private final Set<String> active = ConcurrentHashMap.newKeySet();
    /** At most this many active transactions before the reader pauses; 0: no cap. */
    private volatile int cap;
    private volatile int mostActive;
    private volatile long pausedSince = NOT_PAUSED;
    private volatile CompletableFuture<Void> resume = ADMITTING;
    private final AtomicBoolean timerArmed = new AtomicBoolean();
    private volatile boolean warnedOverdue;
    private volatile long overdueAdmissions;

    /**
     * Nanoseconds that stand still during collector pauses (a test's own clock): read only while at the cap. With
     * wall time, every young collection of 100 ms or more (common under load on two cores) let a request in over the
     * cap, although no transaction could have ended during it.
     */
    private final LongSupplier clock;

    TransactionAdmission() {
        this(new TimeOutsideCollections());
    }

    TransactionAdmission(LongSupplier clock) {
        this.clock = clock;
    }

    /** The admission of subtask {@code subtask} of the embedded job {@code jobId}. */
    public static TransactionAdmission of(String jobId, int subtask) {
        return BY_JOB.computeIfAbsent(jobId, id -> new ConcurrentHashMap<>()).computeIfAbsent(subtask, index -> new TransactionAdmission());
    }

    /** Forgets the job's admissions (its engine stopped). */
    public static void release(String jobId) {
        BY_JOB.remove(jobId);
    }

    /** The reader of a new task attempt: from now on at most {@code cap} (0: any number) active transactions. */
    public void startAttempt(int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("the cap of active transactions must not be negative, got " + cap);
        }
        this.cap = cap;
        active.clear();
        pausedSince = NOT_PAUSED;
        warnedOverdue = false;
        resume.complete(null);
    }

    /** A root of this subtask began transaction {@code txnId} (again, for a retry: counted once). */
    public void begun(String txnId) {
        if (active.add(txnId)) {
            int now = active.size();
            if (now > mostActive) {
                mostActive = now;
            }
        }
    }

    /** A root of this subtask ended transaction {@code txnId} (committed, rolled back or given up). */
    public void ended(String txnId) {
        if (active.remove(txnId)) {
            pausedSince = NOT_PAUSED;
            if (active.size() < cap) {
                resume.complete(null);
            }
        }
    }

    /**
     * Whether the reader may hand on another request now: below the cap, or at it while no transaction has ended for
     * {@link #MAX_PAUSE_NANOS}. Called for every request: below the cap it reads no clock.
     */
    public boolean admitsAnother() {
        int limit = cap;
        if (limit == 0 || active.size() < limit) {
            if (pausedSince != NOT_PAUSED) {
                pausedSince = NOT_PAUSED; // a volatile write per request only when it changes
            }
            return true;
        }
        long nowNanos = clock.getAsLong();
        long since = pausedSince;
        if (since == NOT_PAUSED) {
            pausedSince = nowNanos;
            return false;
        }
        if (nowNanos - since < MAX_PAUSE_NANOS) {
            return false;
        }
        pausedSince = nowNanos;
        overdueAdmissions++;
        if (!warnedOverdue) {
            warnedOverdue = true;
            LOG.warn("{} transactions active and none ended for {} ms: letting another request in (a transaction that "
                    + "never ends, or transactions longer than the pause); logged once per task attempt",
                    active.size(), TimeUnit.NANOSECONDS.toMillis(MAX_PAUSE_NANOS));
        }
        return true;
    }

    /**
     * Completes when the reader may try again: a transaction ended below the cap, or a pause may have lasted its
     * longest (the reader then asks {@link #admitsAnother} again, which knows).
     */
    public CompletableFuture<Void> whenAdmitting() {
        if (cap == 0 || active.size() < cap) {
            return ADMITTING;
        }
        CompletableFuture<Void> pending = resume;
        if (pending.isDone()) {
            pending = new CompletableFuture<>();
            resume = pending;
        }
        // one timer at a time, not one per pause: at the cap the reader pauses at every transaction's end, thousands
        // of times a second, and a timeout per pause would wake a timer thread as often
        if (timerArmed.compareAndSet(false, true)) {
            AFTER_A_PAUSE.execute(this::pauseMayBeOver);
        }
        return pending;
    }

    private void pauseMayBeOver() {
        timerArmed.set(false);
        resume.complete(null);
    }

    /** Transactions active now. */
    public int active() {
        return active.size();
    }

    /** Requests let in over the cap because no transaction ended for a whole pause, since this admission was made. */
    public long overdueAdmissions() {
        return overdueAdmissions;
    }

    /** The most transactions active at once since this admission was made. */
    public int mostActive() {
        return mostActive;
    }
}
