package io.entityflow.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutWorkloadTest {
    private static final int ORDERS = 500;

    private static CheckoutWorkload workload(InMemoryShop shop, String distribution) {
        Shop through = new Shop(shop);
        return new CheckoutWorkload(through, through::checkout, KeyChooser.of(distribution, CheckoutWorkload.itemsFor(ORDERS), 7),
                ORDERS, 16, 7);
    }

    /** Checks out {@code count} orders, or all of them until the workload says it has none left. */
    private static int checkOut(CheckoutWorkload workload, int count) {
        SplittableRandom random = new SplittableRandom(3);
        int sent = 0;
        while (sent < count && !workload.exhausted()) {
            workload.issue(random).join();
            sent++;
        }
        return sent;
    }

    @Test
    void everyOrderIsCheckedOutOnceAndTheShopAddsUp() throws Exception {
        InMemoryShop shop = new InMemoryShop();
        CheckoutWorkload workload = workload(shop, "zipfian");
        assertThat(workload.populate()).isZero();
        assertThat(checkOut(workload, Integer.MAX_VALUE)).isEqualTo(ORDERS);
        assertThat(workload.exhausted()).isTrue();

        Workload.Verdict verdict = workload.verify();
        assertThat(verdict.consistent()).as(verdict.detail()).isTrue();
        assertThat(verdict.detail()).contains("500 paid").contains("stock conserved").contains("money conserved");
        assertThat(workload.figures()).containsEntry("refused", 0L).containsEntry("orders", ORDERS);
    }

    @Test
    void ordersNotCheckedOutStayUnpaidAndTheirStockStays() throws Exception {
        CheckoutWorkload workload = workload(new InMemoryShop(), "uniform");
        workload.populate();
        checkOut(workload, 120);
        Workload.Verdict verdict = workload.verify();
        assertThat(verdict.consistent()).as(verdict.detail()).isTrue();
        assertThat(verdict.detail()).contains("120 paid");
    }

    @Test
    void aCheckoutThatPaysWithoutTakingTheStockIsCaught() throws Exception {
        InMemoryShop shop = new InMemoryShop();
        shop.halfApplyEveryNth = 50;
        CheckoutWorkload workload = workload(shop, "uniform");
        workload.populate();
        checkOut(workload, 200);
        Workload.Verdict verdict = workload.verify();
        assertThat(verdict.consistent()).isFalse();
        assertThat(verdict.detail()).contains("stock NOT conserved").contains("money conserved");
    }

    @Test
    void aRefusalThatChangedTheStateIsCaught() throws Exception {
        InMemoryShop shop = new InMemoryShop();
        shop.lieEveryNth = 40;
        CheckoutWorkload workload = workload(shop, "uniform");
        workload.populate();
        checkOut(workload, 200);
        Workload.Verdict verdict = workload.verify();
        assertThat(verdict.consistent()).isFalse();
        assertThat(verdict.detail()).contains("5 orders whose paid flag contradicts");
        assertThat(workload.figures()).containsEntry("refused", 5L);
    }
}
