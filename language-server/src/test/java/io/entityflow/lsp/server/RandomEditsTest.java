package io.entityflow.lsp.server;

import io.entityflow.lsp.documents.Uris;
import io.entityflow.lsp.testing.LspSession;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.entityflow.lsp.testing.DiagnosticAssert.check;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 seeded random edits of the samples (characters typed and deleted, half-typed statements, lines removed),
 * sent as fast as a fast typist, with requests in between: no handler fails, every request is answered, and the
 * diagnostics in the end are exactly those of {@code entityflow check} on the final text.
 */
class RandomEditsTest {
    private static final List<String> HALF_TYPED = List.of("int x = ", "wallet.", "if (", "} else {", "for (int i = 0; i <",
            "return ", "new Item(", "\"unclosed", "this.", "@ReadOnly ", "static int counter = 0;", ".getPrice()", "(", ")", ";", "}");

    @Test
    void thousandRandomEditsEndWhereCheckEnds(@TempDir Path workspace) throws Exception {
        Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
        TreeMap<String, String> texts = new TreeMap<>();
        for (String sample : List.of("shop", "checkout", "ycsb", "unsplittable")) {
            try (Stream<Path> files = Files.list(samples.resolve(sample))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Path copy = workspace.resolve(sample).resolve(file.getFileName());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                    texts.put(Uris.of(copy), Files.readString(copy));
                }
            }
        }
        Random random = new Random(20261123);
        try (LspSession session = LspSession.start(5, workspace)) {
            List<String> uris = new ArrayList<>(texts.keySet());
            List<String> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String uri = uris.get(random.nextInt(uris.size()));
                if (!opened.contains(uri)) {
                    opened.add(uri);
                    session.openQuietly(uri, texts.get(uri));
                }
            }
            List<CompletableFuture<?>> requests = new ArrayList<>();
            for (int edit = 0; edit < 1000; edit++) {
                String uri = opened.get(random.nextInt(opened.size()));
                String text = texts.get(uri);
                int start = random.nextInt(text.length() + 1);
                int end = start;
                String inserted;
                switch (random.nextInt(4)) {
                    case 0 -> inserted = String.valueOf("abcdefxyz ;{}()=.\"\n+<".charAt(random.nextInt(21)));
                    case 1 -> {
                        end = Math.min(text.length(), start + 1 + random.nextInt(3));
                        inserted = "";
                    }
                    case 2 -> inserted = HALF_TYPED.get(random.nextInt(HALF_TYPED.size()));
                    default -> {
                        end = Math.min(text.length(), text.indexOf('\n', start) < 0 ? text.length() : text.indexOf('\n', start) + 1);
                        inserted = "";
                    }
                }
                session.change(uri, new Range(position(text, start), position(text, end)), inserted);
                texts.put(uri, text.substring(0, start) + inserted + text.substring(end));
                if (edit % 10 == 0) {
                    requests.addAll(randomRequests(session, uri, texts.get(uri), random));
                }
                if (edit % 100 == 99) {
                    Thread.sleep(30); // a pause in typing: let a debounce run out mid-stream
                }
            }
            for (CompletableFuture<?> request : requests) {
                assertThat(request).succeedsWithin(60, TimeUnit.SECONDS);
            }
            Map<String, List<org.eclipse.lsp4j.Diagnostic>> expected = check(texts);
            for (String uri : texts.keySet()) {
                assertThat(session.latestDiagnostics(uri)).as(uri).isEqualTo(expected.get(uri));
            }
            assertThat(session.client().errors()).as("errors logged by the server").isEmpty();
        }
    }

    private static List<CompletableFuture<?>> randomRequests(LspSession session, String uri, String text, Random random) {
        Position at = position(text, random.nextInt(text.length() + 1));
        var documents = session.server().getTextDocumentService();
        var id = new org.eclipse.lsp4j.TextDocumentIdentifier(uri);
        return List.of(
                documents.hover(new org.eclipse.lsp4j.HoverParams(id, at)),
                documents.codeLens(new org.eclipse.lsp4j.CodeLensParams(id)),
                documents.semanticTokensFull(new org.eclipse.lsp4j.SemanticTokensParams(id)),
                documents.codeAction(new org.eclipse.lsp4j.CodeActionParams(id, new Range(at, at),
                        new org.eclipse.lsp4j.CodeActionContext(List.of()))),
                session.graphAsync(uri, null));
    }

    /** The LSP position of an offset, counted independently of the server's own line index ({@code \n} only here). */
    private static Position position(String text, int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }
}
