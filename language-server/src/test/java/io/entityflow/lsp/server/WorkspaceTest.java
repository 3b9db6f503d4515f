package io.entityflow.lsp.server;

import io.entityflow.lsp.documents.Uris;
import io.entityflow.lsp.testing.LspSession;
import org.eclipse.lsp4j.FileChangeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.entityflow.lsp.testing.DiagnosticAssert.assertDiagnostics;
import static io.entityflow.lsp.testing.DiagnosticAssert.check;
import static io.entityflow.lsp.testing.DiagnosticAssert.d;
import static io.entityflow.lsp.testing.DiagnosticAssert.lines;
import static org.assertj.core.api.Assertions.assertThat;

/** Workspace folders indexed at initialize, kept current by watched-file events; open text wins over disk. */
class WorkspaceTest {
    private static final String A = lines("package w; import io.entityflow.api.*;",
            "@Entity public class A {",
            "    @Key private String id; private W w;",
            "    public A(String id) { this.id = id; }",
            "    public int f() { return w.amount; }",
            "}");
    private static final String W = lines("package w; import io.entityflow.api.*;",
            "@Entity public class W {",
            "    @Key private String id; int amount;",
            "    public W(String id) { this.id = id; }",
            "}");

    @Test
    void aRenamedFolderTakesItsFilesAlong(@TempDir Path folder) throws Exception {
        // the editor reports a renamed folder as the old one deleted and the new one created, nothing about its files
        Path old = Files.createDirectories(folder.resolve("src/w"));
        Path a = Files.writeString(old.resolve("A.java"), A);
        Files.writeString(old.resolve("W.java"), W);
        Files.createDirectories(folder.resolve("src/v"));
        String aUri = Uris.of(a);
        try (LspSession session = LspSession.start(10, folder)) {
            assertDiagnostics(session.awaitDiagnostics(aUri), d(4, 28, 4, 36, "EF104"));

            int from = session.client().diagnosticsCount();
            Path renamed = Files.move(old, folder.resolve("src/v/w"));
            String movedA = Uris.of(renamed.resolve("A.java"));
            session.fileChanged(old.toUri().toString(), FileChangeType.Deleted);
            session.fileChanged(renamed.toUri().toString(), FileChangeType.Created);
            assertThat(session.client().awaitDiagnostics(from, p -> p.getUri().equals(aUri)).getDiagnostics()).isEmpty();
            // still declared once: A's only error is the one it had
            assertDiagnostics(session.client().awaitDiagnostics(from, p -> p.getUri().equals(movedA)).getDiagnostics(),
                    d(4, 28, 4, 36, "EF104"));

            from = session.client().diagnosticsCount();
            Files.delete(renamed.resolve("A.java"));
            Files.delete(renamed.resolve("W.java"));
            Files.delete(renamed);
            session.fileChanged(folder.resolve("src/v").toUri().toString(), FileChangeType.Deleted);
            assertThat(session.client().awaitDiagnostics(from, p -> p.getUri().equals(movedA)).getDiagnostics()).isEmpty();
        }
    }

    @Test
    void closedFilesAreAnalysedAndFollowTheDisk(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("src/w"));
        Files.createDirectories(folder.resolve("target/w"));
        Path a = Files.writeString(folder.resolve("src/w/A.java"), A);
        Path w = Files.writeString(folder.resolve("src/w/W.java"), W);
        Files.writeString(folder.resolve("target/w/W.java"), W); // build output: skipped, or W would be declared twice
        String aUri = Uris.of(a);
        String wUri = Uris.of(w);
        try (LspSession session = LspSession.start(10, folder)) {
            assertDiagnostics(session.awaitDiagnostics(aUri), d(4, 28, 4, 36, "EF104"));
            assertThat(session.client().registrations()).singleElement()
                    .satisfies(r -> assertThat(r.getRegistrations().get(0).getMethod()).isEqualTo("workspace/didChangeWatchedFiles"));
            var watchers = ((com.google.gson.JsonObject) session.client().registrations().get(0).getRegistrations().get(0)
                    .getRegisterOptions()).getAsJsonArray("watchers").toString();
            assertThat(watchers).as("Java files, and folders").contains("\"**/*.java\"", "\"**/*\"");

            int from = session.client().diagnosticsCount();
            Files.writeString(w, W.replace("amount", "total"));
            session.fileChanged(wUri, FileChangeType.Changed);
            assertThat(session.client().awaitDiagnostics(from, p -> p.getUri().equals(aUri)).getDiagnostics())
                    .isEqualTo(check(Map.of(aUri, A, wUri, W.replace("amount", "total"))).get(aUri)).isEmpty();

            // the open document's unsaved text wins over the disk, and a watched-file event for it changes nothing
            String unsaved = A.replace("w.amount", "w.hashCode()");
            assertThat(session.open(aUri, unsaved.replace("private W w;", "private W w; static int n = 1;")))
                    .extracting(x -> x.getCode().getLeft()).containsExactly("EF105");
            session.fileChanged(aUri, FileChangeType.Changed);

            from = session.client().diagnosticsCount();
            Files.delete(w);
            session.fileChanged(wUri, FileChangeType.Deleted);
            assertThat(session.client().awaitDiagnostics(from, p -> p.getUri().equals(wUri)).getDiagnostics()).isEmpty();
            assertThat(session.latestDiagnostics(aUri)).extracting(x -> x.getCode().getLeft()).contains("EF105", "EF112");

            from = session.client().diagnosticsCount();
            session.close(aUri); // back to the text on disk
            assertThat(session.client().awaitDiagnostics(from, p -> p.getUri().equals(aUri)).getDiagnostics())
                    .isEqualTo(check(Map.of(aUri, A)).get(aUri));
        }
    }
}
