package io.entityflow.cli;

import io.entityflow.ir.codegen.CompiledProgram;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles the folder of entity sources a command was given, or says why it cannot run: every command that takes a
 * program refuses the same things with the same words and exit codes.
 */
final class ProgramFolder {
    /** The program, or null with the exit code to return (the reason is printed). */
    record Compiled(CompiledProgram program, int exitCode) {
    }

    private ProgramFolder() {
    }

    /**
     * @param refused what the command did not do, for the line after the errors ("not started", "not deployed", …)
     */
    static Compiled compile(Path folder, PrintWriter err, String refused) throws IOException {
        if (!Files.isDirectory(folder)) {
            err.println("entityflow: " + folder + " is not a folder of entity sources");
            return new Compiled(null, EntityflowCommand.USAGE_OR_IO);
        }
        CompiledProgram program;
        try {
            program = CompiledProgram.compile(folder);
        } catch (CompiledProgram.ProgramHasErrors e) {
            e.errors().forEach(d -> err.println(d.toLine()));
            err.println("entityflow: " + refused + ": fix the errors above (entityflow check " + folder + ")");
            return new Compiled(null, 1);
        }
        if (program.entityTypes().isEmpty()) {
            err.println("entityflow: no @Entity class in " + folder);
            return new Compiled(null, 1);
        }
        return new Compiled(program, 0);
    }
}
