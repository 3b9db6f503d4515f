package unsplittable;

import io.entityflow.api.Entity;
import io.entityflow.api.Key;

import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * EF101: a remote call inside a lambda, an anonymous class or a method reference. Their bodies run
 * later, somewhere else, so there is no continuation to resume after the call. Write the call as a
 * statement of the method itself instead.
 */
@Entity
public class EF101_RemoteCallInLambda {

    @Key
    private String id;
    private Wallet wallet;
    private List<Wallet> wallets = List.of();
    private Map<String, Wallet> byOwner = Map.of();

    public EF101_RemoteCallInLambda(String id, Wallet wallet) {
        this.id = id;
        this.wallet = wallet;
    }

    public void viaLambda() {
        Runnable r = () -> wallet.add(1); // expect: EF101
        r.run();
    }

    public void viaAnonymousClass() {
        Runnable r = new Runnable() {
            @Override
            public void run() {
                wallet.add(2); // expect: EF101
            }
        };
        r.run();
    }

    public void viaMethodReference() {
        IntConsumer c = wallet::add; // expect: EF101
        c.accept(3);
    }

    public void viaInferredLambdaParameters() {
        wallets.forEach(w -> w.add(4)); // expect: EF101
        byOwner.values().forEach(w -> w.add(5)); // expect: EF101
        byOwner.forEach((owner, w) -> w.add(6)); // expect: EF101
    }

    public long viaStream() {
        return wallets.stream().filter(w -> w.getAmount() > 0).count(); // expect: EF101
    }
}
