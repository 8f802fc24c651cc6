package dev.llmmon.probes.internal;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import org.junit.platform.launcher.TestExecutionListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a launch with Allure results written to one folder. Its own class so that Allure (optional) is loaded only
 * when results are wanted.
 */
public final class AllureResults {
    private AllureResults() {
    }

    /** Runs {@code launch} with {@code listeners} plus Allure's, the engine's static Allure lifecycle pointed at {@code dir}. */
    public static void run(Path dir, List<TestExecutionListener> listeners, Consumer<List<TestExecutionListener>> launch) {
        // Allure's lifecycle is one static per class loader: parallel module builds (-T) take turns
        synchronized (AllureResults.class) {
            AllureLifecycle previous = Allure.getLifecycle();
            AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(dir));
            Allure.setLifecycle(lifecycle);
            List<TestExecutionListener> all = new ArrayList<>(listeners);
            all.add(new AllureJunitPlatform(lifecycle));
            try {
                launch.accept(all);
            } finally {
                Allure.setLifecycle(previous);
            }
        }
    }
}
