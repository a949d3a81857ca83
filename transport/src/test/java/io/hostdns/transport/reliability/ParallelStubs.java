package io.hostdns.transport.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** {@code count} stubs asking at once, each on its own plain thread (blocking dnsjava clients). */
final class ParallelStubs {

    private ParallelStubs() {
    }

    static List<StubResult> ask(ForwardingPipeline pipeline, int count, IntFunction<String> names) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Callable<StubResult>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = names.apply(i);
                calls.add(() -> StubResult.ask(pipeline, name, false));
            }
            List<StubResult> results = new ArrayList<>();
            for (Future<StubResult> f : threads.invokeAll(calls, 20, TimeUnit.SECONDS)) {
                results.add(f.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
