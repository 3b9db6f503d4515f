package io.entityflow.ir.codegen;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.EntityAnalyzer;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When split code does not compile, the message says whose fault it is and where, in the user's terms. */
class GeneratedCodeFailedTest {
    private static final SourceFile WALLET = new SourceFile("t/Wallet.java", String.join("\n",
            "package t;",
            "import io.entityflow.api.*;",
            "@Entity public class Wallet {",
            "    @Key private String id;",
            "    private int amount;",
            "    public Wallet(String id) { this.id = id; }",
            "    public int add(int x) { amount += x; return amount; }",
            "}"));
    private static final SourceFile USER = new SourceFile("t/User.java", String.join("\n",
            "package t;",
            "import io.entityflow.api.*;",
            "@Entity public class User {",
            "    @Key private String id;",
            "    private Wallet wallet;",
            "    public User(String id, Wallet wallet) { this.id = id; this.wallet = wallet; }",
            "    public int pay(int x) {",
            "        int before = wallet.add(0);",
            "        return wallet.add(x) - before;",
            "    }",
            "}"));

    @Test
    void aTypeErrorInTheUsersOwnCodeIsReportedAgainstTheirFile() {
        SourceFile broken = new SourceFile("t/User.java", USER.text().replace("int before = wallet.add(0);",
                "int before = wallet.add(0); String s = 3;"));
        assertThatThrownBy(() -> CompiledProgram.compile(List.of(WALLET, broken)))
                .isInstanceOf(GeneratedCodeFailed.class)
                .hasMessageStartingWith("the program does not compile")
                .hasMessageContaining("t/User.java:8: error: incompatible types")
                .hasMessageNotContaining("entityflow bug");
    }

    @Test
    void generatedCodeThatDoesNotCompileIsAnEntityflowBugNamingTheUsersMethod() {
        List<SourceFile> files = List.of(WALLET, USER);
        Analysis analysis = EntityAnalyzer.analyze(files);
        List<GeneratedSource> sources = new ArrayList<>();
        for (GeneratedSource source : EntityRewriter.generate(analysis)) {
            // a bug planted in the state machine of User.pay
            sources.add(source.qualifiedName().equals("t.User") ? new GeneratedSource(source.qualifiedName(),
                    source.source().replaceFirst("int \\$pc;", "int \\$pc = noSuchHelper();")) : source);
        }
        InMemoryCompiler.CompilationFailed failure = null;
        try {
            InMemoryCompiler.compile(sources);
        } catch (InMemoryCompiler.CompilationFailed e) {
            failure = e;
        }
        assertThat(failure).as("the planted bug breaks compilation").isNotNull();
        GeneratedCodeFailed explained = GeneratedCodeFailed.explain(analysis, files, sources, failure);
        assertThat(explained.getMessage()).contains("this is an entityflow bug")
                .contains("t/User.java:7: in `User.pay`").contains("noSuchHelper");
    }
}
