package io.entityflow.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * The WDM course's stress test on {@code samples/checkout}: items, users and orders created up front as the
 * course's {@code batch_init} routes create them (every order belongs to a random user and holds two items,
 * one of each), then {@code @Transactional Order.checkout()} of the orders in random order, in-process or
 * through the course's {@code POST /orders/checkout/{order_id}} with {@code --http}. The key distribution
 * picks the items of the orders, so {@code zipfian} makes a few items hot: most checkouts then contend for
 * them. Each order is checked out once (a second checkout of a paid order is refused and proves nothing), so
 * the run ends early when the orders run out ({@code --records} = orders).
 *
 * <p>The check afterwards reads every order, item and user back in-process: an acknowledged checkout must
 * have paid its order, a refused one must not have, and every stock and credit must equal its start minus
 * exactly what the paid orders took — money and stock conserved, nothing applied twice or half.
 */
final class CheckoutWorkload implements Workload {
    static final int ITEM_PRICE = 1;
    static final int LINES_PER_ORDER = 2;
    /** As the course's stress test: enough that no checkout is refused for stock or credit. */
    static final int STARTING_STOCK = 1_000_000;
    static final int STARTING_CREDIT = 1_000_000;
    /** The course's stress test uses 100,000 items and users. */
    private static final int MAX_ITEMS_AND_USERS = 100_000;

    private static final int NOT_SENT = 0;
    private static final int SENT = 1;
    private static final int CHECKED_OUT = 2;
    private static final int REFUSED = 3;
    private static final int UNKNOWN = 4;

    private final Shop state;
    private final IntFunction<CompletableFuture<Object>> checkout;
    private final KeyChooser itemChooser;
    private final int orders;
    private final int items;
    private final int users;
    private final int loadInFlight;
    private final long seed;
    private final int[] orderUser;
    private final int[][] orderItems;
    private final int[] checkoutSequence;
    private final AtomicLong nextCheckout = new AtomicLong();
    private final AtomicIntegerArray outcome;
    private final LongAdder refused = new LongAdder();
    private final TransactionFigures transactions = new TransactionFigures();

    CheckoutWorkload(BenchTarget target, KeyChooser itemChooser, BenchSettings settings) {
        this(new Shop(target.state()), checkoutPath(target, settings), itemChooser, settings.records(),
                loadInFlight(settings), settings.seed());
    }

    /** In-process, many creates wait for one checkpoint together; a remote gateway gets the bench's own bound. */
    private static int loadInFlight(BenchSettings settings) {
        if (settings.gateway() != null) {
            return settings.outstanding();
        }
        return settings.immediate() ? 2_000 : 20_000;
    }

    /**
     * @param state        the shop in-process: loading and the final reads
     * @param checkout     checks out order i (in-process or through HTTP); refusals fail with a refused {@link Caller.FailedOperation}
     * @param loadInFlight creates in flight while loading (committed responses wait a checkpoint each)
     */
    CheckoutWorkload(Shop state, IntFunction<CompletableFuture<Object>> checkout, KeyChooser itemChooser, int orders,
                     int loadInFlight, long seed) {
        this.state = state;
        this.checkout = checkout;
        this.itemChooser = itemChooser;
        this.orders = orders;
        this.items = itemsFor(orders);
        this.users = itemsFor(orders);
        this.loadInFlight = loadInFlight;
        this.seed = seed;
        this.orderUser = new int[orders];
        this.orderItems = new int[orders][LINES_PER_ORDER];
        this.checkoutSequence = new int[orders];
        this.outcome = new AtomicIntegerArray(orders);
    }

    private static IntFunction<CompletableFuture<Object>> checkoutPath(BenchTarget target, BenchSettings settings) {
        if (settings.http()) {
            return new CheckoutRoute(target.gatewayUrl())::checkout;
        }
        return new Shop(target.load())::checkout;
    }

    /** Items (and users) for a number of orders: as many, up to the course's 100,000. */
    static int itemsFor(int orders) {
        return Math.min(orders, MAX_ITEMS_AND_USERS);
    }

    @Override
    public String populationSummary() {
        return String.format("%,d items, %,d users, %,d orders of %d items", items, users, orders, LINES_PER_ORDER);
    }

    @Override
    public long populate() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int order = 0; order < orders; order++) {
            orderUser[order] = random.nextInt(users);
            for (int line = 0; line < LINES_PER_ORDER; line++) {
                orderItems[order][line] = itemChooser.next(random);
            }
            checkoutSequence[order] = order;
        }
        shuffle(checkoutSequence, random);
        long failed = BoundedRequests.run(items, loadInFlight, 600, item -> state.createItem(item, ITEM_PRICE, STARTING_STOCK));
        failed += BoundedRequests.run(users, loadInFlight, 600, user -> state.createUser(user, STARTING_CREDIT));
        failed += BoundedRequests.run(orders, loadInFlight, 600, order -> state.createOrder(order, orderUser[order], orderItems[order]));
        return failed;
    }

    private static void shuffle(int[] values, RandomGenerator random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    @Override
    public boolean exhausted() {
        return nextCheckout.get() >= orders;
    }

    @Override
    public CompletableFuture<?> issue(RandomGenerator random) {
        long next = nextCheckout.getAndIncrement();
        if (next >= orders) {
            return CompletableFuture.failedFuture(new IllegalStateException("all " + orders + " orders are checked out"));
        }
        int order = checkoutSequence[(int) next];
        outcome.set(order, SENT);
        return checkout.apply(order).handle((ignored, failure) -> {
            if (failure == null) {
                outcome.set(order, CHECKED_OUT);
                return null;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Caller.FailedOperation operation && operation.refused()) {
                // refused by the order's code (a business outcome, not an error): it must have changed nothing
                outcome.set(order, REFUSED);
                refused.increment();
                return null;
            }
            outcome.set(order, UNKNOWN);
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }

    @Override
    public void measurementStarts() {
        transactions.measurementStarts();
    }

    @Override
    public Verdict verify() throws InterruptedException {
        AtomicIntegerArray paid = new AtomicIntegerArray(orders);
        LongAdder unanswered = new LongAdder();
        unanswered.add(BoundedRequests.run(orders, loadInFlight, 300, order -> state.paid(order)
                .thenAccept(value -> paid.set(order, Boolean.TRUE.equals(value) ? 1 : 0))));
        // what the paid orders took, by the final state: an order whose checkout got no answer counts as it ended
        long[] taken = new long[items];
        long[] spent = new long[users];
        long paidOrders = 0;
        long paidWithoutAcknowledgement = 0;
        long wrongOrders = 0;
        for (int order = 0; order < orders; order++) {
            boolean isPaid = paid.get(order) == 1;
            int sent = outcome.get(order);
            if (isPaid) {
                paidOrders++;
                for (int item : orderItems[order]) {
                    taken[item]++;
                }
                spent[orderUser[order]] += (long) ITEM_PRICE * LINES_PER_ORDER;
            }
            boolean agrees = switch (sent) {
                case CHECKED_OUT -> isPaid;
                case SENT, UNKNOWN -> true; // no answer: either outcome, but all of it or none (checked below)
                default -> !isPaid; // refused, or never sent
            };
            if (!agrees) {
                wrongOrders++;
            }
            if (isPaid && (sent == SENT || sent == UNKNOWN)) {
                paidWithoutAcknowledgement++;
            }
        }
        AtomicLongArray stock = new AtomicLongArray(items);
        AtomicLongArray credit = new AtomicLongArray(users);
        unanswered.add(BoundedRequests.run(items, loadInFlight, 300, item -> state.stock(item)
                .thenAccept(value -> stock.set(item, asLong(value)))));
        unanswered.add(BoundedRequests.run(users, loadInFlight, 300, user -> state.credit(user)
                .thenAccept(value -> credit.set(user, asLong(value)))));
        long wrongStock = 0;
        long stockLeft = 0;
        for (int item = 0; item < items; item++) {
            stockLeft += stock.get(item);
            if (stock.get(item) != STARTING_STOCK - taken[item]) {
                wrongStock++;
            }
        }
        long wrongCredit = 0;
        long creditLeft = 0;
        for (int user = 0; user < users; user++) {
            creditLeft += credit.get(user);
            if (credit.get(user) != STARTING_CREDIT - spent[user]) {
                wrongCredit++;
            }
        }
        long sold = paidOrders * LINES_PER_ORDER;
        boolean stockConserved = stockLeft + sold == (long) items * STARTING_STOCK;
        boolean moneyConserved = creditLeft + sold * ITEM_PRICE == (long) users * STARTING_CREDIT;
        boolean consistent = wrongOrders == 0 && wrongStock == 0 && wrongCredit == 0 && unanswered.sum() == 0
                && stockConserved && moneyConserved;
        return new Verdict(consistent, String.format("%,d orders, %,d items, %,d users read back: %,d paid (%,d of them "
                        + "without an answer to their checkout), %,d orders whose paid flag contradicts the answer to their "
                        + "checkout, %,d stocks and %,d credits that differ from what the paid orders took, %,d final reads "
                        + "failed; stock %s, money %s", orders, items, users, paidOrders, paidWithoutAcknowledgement,
                wrongOrders, wrongStock, wrongCredit, unanswered.sum(), stockConserved ? "conserved" : "NOT conserved",
                moneyConserved ? "conserved" : "NOT conserved"));
    }

    private static long asLong(Object value) {
        return value instanceof Number number ? number.longValue() : Long.MIN_VALUE;
    }

    @Override
    public Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("orders", orders);
        figures.put("items", items);
        figures.put("users", users);
        figures.put("refused", refused.sum());
        figures.putAll(transactions.sinceStart());
        return figures;
    }
}
