package io.entityflow.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that takes a program refuses a missing folder, a program with errors and a folder without entities
 * the same way, before it starts or contacts anything.
 */
class ProgramFolderTest {
    @TempDir
    Path dir;

    /** The command's arguments around its program folder; nothing listens at the addresses given. */
    private static String[] command(String name, Path folder) {
        String f = folder.toString();
        return switch (name) {
            case "run" -> new String[] {"run", f, "--port", "0", "--inspector-port", "-1"};
            case "package" -> new String[] {"package", f};
            case "deploy" -> new String[] {"deploy", f, "--flink", "http://127.0.0.1:1", "--kafka", "127.0.0.1:1"};
            case "gateway" -> new String[] {"gateway", "--program", f, "--kafka", "127.0.0.1:1", "--port", "0"};
            case "inspect" -> new String[] {"inspect", "--program", f, "--flink", "http://127.0.0.1:1"};
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "package", "deploy", "gateway", "inspect"})
    void aMissingFolderIsAUsageError(String name) {
        CliRun run = CliRun.run(command(name, dir.resolve("nowhere")));
        assertThat(run.exitCode()).isEqualTo(EntityflowCommand.USAGE_OR_IO);
        assertThat(run.err()).contains("nowhere is not a folder of entity sources");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "package", "deploy", "gateway", "inspect"})
    void aProgramWithErrorsIsRefusedWithItsDiagnostics(String name) throws IOException {
        Files.writeString(dir.resolve("Gizmo.java"), BadInputTest.UNKNOWN_TYPE);
        CliRun run = CliRun.run(command(name, dir));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Gizmo.java:").contains("error EF")
                .contains(": fix the errors above (entityflow check " + dir + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "package", "deploy", "gateway", "inspect"})
    void aFolderWithoutEntitiesIsRefused(String name) throws IOException {
        Files.writeString(dir.resolve("Plain.java"), "package p;\npublic class Plain { int x; }\n");
        CliRun run = CliRun.run(command(name, dir));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no @Entity class in " + dir);
        assertThat(dir.resolve("Plain.jar")).doesNotExist();
    }
}
