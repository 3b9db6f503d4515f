package io.entityflow.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;

/**
 * One run of the {@code entityflow} command inside the test JVM: its exit code and everything it printed.
 *
 * <p>{@link EntityflowCommand#execute} builds its own picocli {@code CommandLine}, whose default out/err
 * wrap {@code System.out}/{@code System.err} when they are first used; replacing the two streams around
 * the call therefore captures the output without any test hook in the main code.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        // picocli encodes with the platform charset unless sun.stdout.encoding says otherwise
        Charset charset = Charset.forName(System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name()));
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capturedOut = new PrintStream(out, true, charset);
             PrintStream capturedErr = new PrintStream(err, true, charset)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            int exitCode = EntityflowCommand.execute(args);
            capturedOut.flush();
            capturedErr.flush();
            return new CliRun(exitCode, out.toString(charset), err.toString(charset));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** The non-empty lines printed on standard output. */
    List<String> outLines() {
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    /** Everything the run printed, for failure messages. */
    String describe() {
        return "exit code " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
