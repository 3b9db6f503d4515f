package io.entityflow.flink.envelope;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class ClassCacheTest {

    @Test
    void computesOnceAndAnswersTheSameValueForTheProgramsAndTheJdksClasses() {
        List<Class<?>> computed = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClassCache<String> names = new ClassCache<>(type -> {
            computed.add(type);
            return "shape of " + type.getSimpleName();
        });

        assertThat(names.get(ClassCacheTest.class)).isEqualTo("shape of ClassCacheTest");
        assertThat(names.get(IllegalStateException.class)).isEqualTo("shape of IllegalStateException");
        assertThat(names.get(ClassCacheTest.class)).isEqualTo("shape of ClassCacheTest");
        assertThat(names.get(IllegalStateException.class)).isEqualTo("shape of IllegalStateException");
        assertThat(computed).containsExactly(ClassCacheTest.class, IllegalStateException.class);
    }

    @Test
    void theJdkAndTheParentsOfThisRuntimesLoaderAreOlderThanIt() {
        assertThat(ClassCache.isOlderThanThisRuntime(null)).isTrue();
        assertThat(ClassCache.isOlderThanThisRuntime(ClassLoader.getPlatformClassLoader())).isTrue();
        assertThat(ClassCache.isOlderThanThisRuntime(ClassCache.class.getClassLoader())).isFalse();
        assertThat(ClassCache.isOlderThanThisRuntime(new URLClassLoader(new URL[0], ClassCache.class.getClassLoader())))
                .isFalse();
    }

    /**
     * What a cluster does: the runtime comes in the job's jar, the job is cancelled, its loader must go. A cache of
     * the job's that kept its value on a JDK class (as a plain ClassValue does) would keep the loader forever.
     */
    @Test
    void aJobsCacheThatMetAJdkClassLetsTheJobsLoaderBeCollected() throws Exception {
        WeakReference<ClassLoader> job = runAJobThatCachesAValueForString();

        for (int i = 0; i < 100 && job.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertThat(job.get()).as("the cancelled job's class loader").isNull();
    }

    @SuppressWarnings("unchecked")
    private static WeakReference<ClassLoader> runAJobThatCachesAValueForString() throws Exception {
        URL runtime = ClassCache.class.getProtectionDomain().getCodeSource().getLocation();
        URL tests = ClassCacheTest.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader job = new URLClassLoader(new URL[]{runtime, tests}, ClassLoader.getPlatformClassLoader());
        Class<?> use = job.loadClass(JobUsingAClassCache.class.getName());
        assertThat(use.getClassLoader()).isSameAs(job);
        Object value = ((Supplier<Object>) use.getDeclaredConstructor().newInstance()).get();
        assertThat(value.getClass().getClassLoader()).as("the value's class is the job's").isSameAs(job);
        job.close();
        return new WeakReference<>(job);
    }
}
