package io.entityflow.lsp.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.entityflow.lsp.testing.LspSession;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.entityflow.lsp.testing.DiagnosticAssert.assertDiagnostics;
import static io.entityflow.lsp.testing.DiagnosticAssert.d;
import static io.entityflow.lsp.testing.DiagnosticAssert.lines;
import static org.assertj.core.api.Assertions.assertThat;

/** Hover, code lens, semantic tokens, entityflow/graph and its notification, quick fixes: through a real connection. */
class FeaturesTest {
    private static final String WALLET = lines("package f;", "import io.entityflow.api.*;",
            "@Entity public class Wallet {",
            "    @Key private String id; int amount;",
            "    public Wallet(String id) { this.id = id; }",
            "    public int getAmount() { return amount; }",
            "    public void add(int x) { amount += x; }",
            "}");
    private static final String ORDER = lines("package f;", "import io.entityflow.api.*;",
            "@Entity public class Order {",
            "    @Key private String id; private Wallet w; static int count = 0;",
            "    public Order(String id, Wallet w) { this.id = id; this.w = w; }",
            "    @Transactional public int pay(int x) {",
            "        int before = w.getAmount();",
            "        w.add(x);",
            "        return w.getAmount() - before;",
            "    }",
            "    public int again(int x) { return pay(x); }",
            "    public int peek() { return w.amount; }",
            "}");
    private final String wallet = LspSession.uri("f/Wallet.java");
    private final String order = LspSession.uri("f/Order.java");
    private LspSession session;
    private List<Diagnostic> opened;

    @BeforeEach
    void open() throws Exception {
        session = LspSession.start();
        session.openQuietly(wallet, WALLET);
        opened = session.open(order, ORDER);
    }

    @AfterEach
    void close() throws Exception {
        session.close();
    }

    @Test
    void hoverOnARemoteCallTellsTargetSplitPointAndSavedLocals() {
        Hover hover = session.hover(order, 7, 11);
        String text = hover.getContents().getRight().getValue();
        assertThat(text).contains("**remote call** to entity `Wallet`, method `add`")
                .contains("split point 2 of 3 in `Order.pay`")
                .contains("saved across it: `int before`");
        assertThat(hover.getRange()).isEqualTo(new Range(new Position(7, 8), new Position(7, 16)));
    }

    @Test
    void hoverOnASuspendingLocalCallAndOnAMethodName() {
        assertThat(session.hover(order, 10, 38).getContents().getRight().getValue())
                .contains("**suspending local call** of `pay`").contains("split point 1 of 1 in `Order.again`")
                .contains("nothing is saved across it");
        assertThat(session.hover(order, 5, 31).getContents().getRight().getValue())
                .startsWith("**Order.pay**: 4 blocks · 3 remote calls").contains("transactional: runs serializably");
        assertThat(session.hover(order, 11, 17).getContents().getRight().getValue())
                .startsWith("**Order.peek**: 1 block · 0 remote calls").contains("not transactional");
        assertThat(session.hover(order, 3, 2)).isNull();
    }

    @Test
    void codeLensAboveEachMethod() {
        List<? extends CodeLens> lenses = session.codeLens(order);
        assertThat(lenses).extracting(l -> l.getCommand().getTitle()).containsExactly(
                "4 blocks · 3 remote calls · Show graph",
                "2 blocks · 0 remote calls · Show graph",
                "1 block · 0 remote calls · Show graph");
        assertThat(lenses.get(0).getRange().getStart()).isEqualTo(new Position(5, 30));
        assertThat(lenses.get(0).getCommand().getCommand()).isEqualTo("entityflow.showGraph");
        assertThat(lenses.get(0).getCommand().getArguments()).extracting(Object::toString)
                .containsExactly("\"" + order + "\"", "\"Order.pay\"");
    }

    @Test
    void semanticTokensMarkRemoteAndSuspendingCalls() {
        assertThat(session.initializeResult().getCapabilities().getSemanticTokensProvider().getLegend().getTokenModifiers())
                .containsExactly("remote", "suspending");
        // (line delta, start delta, length, type: 0 = method, modifiers: 1 = remote, 2 = suspending)
        assertThat(session.semanticTokens(order).getData()).containsExactly(
                6, 23, 9, 0, 1,
                1, 10, 3, 0, 1,
                1, 17, 9, 0, 1,
                2, 37, 3, 0, 2);
    }

    @Test
    void aNestedEntitysCallsAreMarkedOnce() {
        String outer = LspSession.uri("f/Outer.java");
        session.open(outer, lines("package f;", "import io.entityflow.api.*;",
                "@Entity public class Outer {",
                "    @Key private String id;",
                "    public Outer(String id) { this.id = id; }",
                "    @Entity static class Inner {",
                "        @Key private String id; private Wallet w;",
                "        public Inner(String id) { this.id = id; }",
                "        public void pay() { w.add(1); }",
                "    }",
                "}"));
        // the walk of Outer includes Inner, which is walked again as an entity of its own
        assertThat(session.semanticTokens(outer).getData()).containsExactly(8, 30, 3, 0, 1);
    }

    @Test
    void graphOfTheDocumentAndOfOneMethod() {
        JsonObject whole = session.graph(order, null);
        JsonArray entities = whole.getAsJsonArray("entities");
        assertThat(entities).hasSize(1);
        assertThat(entities.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("Order");
        assertThat(entities.get(0).getAsJsonObject().getAsJsonArray("methods")).hasSize(3);
        assertThat(whole.getAsJsonArray("operators").toString()).contains("\"Wallet\"");

        JsonObject pay = session.graph(order, "Order.pay").getAsJsonArray("entities").get(0).getAsJsonObject()
                .getAsJsonArray("methods").get(0).getAsJsonObject();
        assertThat(pay.get("name").getAsString()).isEqualTo("pay");
        assertThat(pay.get("transactional").getAsBoolean()).isTrue();
        assertThat(pay.getAsJsonArray("blocks")).hasSize(4);
        assertThat(pay.getAsJsonArray("blocks").get(2).getAsJsonObject().getAsJsonArray("live").toString()).isEqualTo("[\"before\"]");
        assertThat(session.graphAsync(order, "Order.nothing")).failsWithin(java.time.Duration.ofSeconds(30));
    }

    @Test
    void anEditThatChangesTheGraphIsNotified() {
        session.client().awaitGraphChange(0, g -> g.getUri().equals(order));
        int from = session.client().graphChangeCount();
        int refreshes = session.client().codeLensRefreshes();
        int version = session.change(order, new Range(new Position(7, 0), new Position(8, 0)), "");
        session.client().awaitGraphChange(from, g -> g.getUri().equals(order) && g.getVersion() == version);
        session.client().awaitCodeLensRefresh(refreshes); // the editor is asked to re-request the lenses' counts
        JsonObject pay = session.graph(order, "pay").getAsJsonArray("entities").get(0).getAsJsonObject()
                .getAsJsonArray("methods").get(0).getAsJsonObject();
        assertThat(pay.getAsJsonArray("blocks")).hasSize(3);
    }

    @Test
    void quickFixesForEf104AndEf105ApplyAndTheErrorsGo() {
        assertDiagnostics(opened, d(3, 57, 3, 66, "EF105"), d(11, 31, 11, 39, "EF104"));
        List<CodeAction> actions = session.codeActions(order, opened);
        assertThat(actions).extracting(CodeAction::getTitle)
                .containsExactlyInAnyOrder("Make `count` final", "Call `getAmount()` instead of reading the field");
        int from = session.client().diagnosticsCount();
        int version = 1;
        // apply the later edit first, so the earlier edit's range is still right
        for (CodeAction action : actions.stream().sorted((a, b) -> Integer.compare(line(b), line(a))).toList()) {
            TextEdit edit = action.getEdit().getChanges().get(order).get(0);
            version = session.change(order, edit.getRange(), edit.getNewText());
        }
        assertThat(session.awaitDiagnostics(from, order, version)).isEmpty();
        assertThat(session.hover(order, 11, 35).getContents().getRight().getValue()).contains("method `getAmount`");
    }

    private static int line(CodeAction action) {
        return action.getDiagnostics().get(0).getRange().getStart().getLine();
    }
}
