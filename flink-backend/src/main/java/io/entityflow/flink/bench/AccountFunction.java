package io.entityflow.flink.bench;

import io.entityflow.api.EntityException;
import io.entityflow.api.EntityExistsException;
import io.entityflow.api.NoSuchEntityException;
import io.entityflow.flink.envelope.Envelope;
import io.entityflow.ir.runtime.RemoteFailure;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * The YCSB account operations written directly against Flink keyed state: what the generated code of
 * {@code Account} does for {@code read}, {@code update}, {@code getPayload}, {@code getCounter} and the
 * constructor, answered with the same envelopes (failures as the same exception types).
 */
final class AccountFunction extends KeyedProcessFunction<String, Envelope, Envelope> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<AccountRow> accounts;

    @Override
    public void open(OpenContext context) {
        accounts = getRuntimeContext().getState(new ValueStateDescriptor<>("account", Types.POJO(AccountRow.class)));
    }

    @Override
    public void processElement(Envelope request, Context context, Collector<Envelope> out) throws Exception {
        AccountRow account = accounts.value();
        Object answer;
        if (request.kind() == Envelope.Kind.CREATE) {
            answer = create(request, account);
        } else if (account == null) {
            answer = failure(NoSuchEntityException.class, "no entity " + request.target());
        } else {
            answer = call(request, account);
        }
        out.collect(Envelope.result(request.requestId(), request.target(), answer, List.of()));
    }

    private Object create(Envelope request, AccountRow existing) throws Exception {
        if (existing != null) {
            return failure(EntityExistsException.class, "entity " + request.target() + " already exists");
        }
        long balance = (Long) request.args()[1];
        if (balance < 0) {
            return failure(EntityException.class, "balance must not be negative");
        }
        accounts.update(new AccountRow((String) request.args()[0], balance));
        return request.target();
    }

    private Object call(Envelope request, AccountRow account) throws Exception {
        switch (request.method()) {
            case "read":
                return account.balance;
            case "update":
                account.payload = (String) request.args()[0];
                accounts.update(account); // a copying backend (RocksDB) needs the changed row back
                return null;
            case "getPayload":
                return account.payload;
            case "getCounter":
                return account.counter;
            default:
                return failure(EntityException.class, "the baseline job has no method " + request.method());
        }
    }

    private static RemoteFailure failure(Class<? extends EntityException> type, String message) {
        return new RemoteFailure(type.getName(), message);
    }
}
