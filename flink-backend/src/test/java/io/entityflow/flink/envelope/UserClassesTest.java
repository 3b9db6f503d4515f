package io.entityflow.flink.envelope;

import io.entityflow.ir.codegen.CompiledProgram;
import io.entityflow.ir.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Classes found by name are remembered, but never across a change of program or of the thread's context loader. */
class UserClassesTest {

    private static CompiledProgram boxProgram(String field) throws Exception {
        return CompiledProgram.compile(List.of(new SourceFile("boxes/Box.java", """
                package boxes;
                import io.entityflow.api.*;
                @Entity public class Box {
                    @Key private String id;
                    private long %s;
                    public Box(String id) { this.id = id; }
                }
                """.formatted(field))));
    }

    @Test
    void aNameFollowsTheNewestProgramAndTheThreadsContextLoader() throws Exception {
        CompiledProgram first = boxProgram("weight");
        CompiledProgram second = boxProgram("height");
        UserClasses.register(first.classes());
        try {
            Class<?> found = UserClasses.forName("boxes.Box");
            assertThat(found.getClassLoader()).isSameAs(first.classes());
            assertThat(UserClasses.forName("boxes.Box")).isSameAs(found);

            UserClasses.register(second.classes());
            try {
                assertThat(UserClasses.forName("boxes.Box").getClassLoader()).as("the newest program's").isSameAs(second.classes());

                Thread thread = Thread.currentThread();
                ClassLoader context = thread.getContextClassLoader();
                try {
                    thread.setContextClassLoader(first.classes());
                    assertThat(UserClasses.forName("boxes.Box").getClassLoader()).as("the context loader's").isSameAs(first.classes());
                    thread.setContextClassLoader(second.classes());
                    assertThat(UserClasses.forName("boxes.Box").getClassLoader()).isSameAs(second.classes());
                } finally {
                    thread.setContextClassLoader(context);
                }
            } finally {
                UserClasses.unregister(second.classes());
            }
            assertThat(UserClasses.forName("boxes.Box").getClassLoader()).as("after unregistering").isSameAs(first.classes());
        } finally {
            UserClasses.unregister(first.classes());
        }
        assertThatThrownBy(() -> UserClasses.forName("boxes.Box")).isInstanceOf(ClassNotFoundException.class);
        assertThat(UserClasses.forName("long")).isSameAs(long.class);
        assertThat(UserClasses.forName("java.util.ArrayList")).isSameAs(java.util.ArrayList.class);
    }
}
