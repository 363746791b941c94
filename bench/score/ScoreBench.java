package com.zoomfactor.bench;

import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.ZoomFactor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The score engine against the targets: one client with 2 years of daily data across 25 metrics ≤ 1 ms;
 * a portfolio of 1,000 clients ≤ 1 s. Run by bench/score.sh; results in docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class ScoreBench {

    static final long SEED = 20261201L;
    static final int PORTFOLIO = 1_000;

    @State(Scope.Benchmark)
    public static class OneClient {
        ScoreInput input;

        @Setup
        public void generate() {
            input = SyntheticClients.client(SEED, 1.0);
        }
    }

    @State(Scope.Benchmark)
    public static class Portfolio {
        List<ScoreInput> clients;

        @Setup
        public void generate() {
            clients = SyntheticClients.portfolio(SEED, PORTFOLIO);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public ZoomFactor oneClient(OneClient state) {
        return ScoreEngine.score(state.input);
    }

    /** Every client once, one after the other: what a nightly rescoring on one thread costs. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    public void portfolio(Portfolio state, Blackhole bh) {
        for (ScoreInput client : state.clients) {
            bh.consume(ScoreEngine.score(client));
        }
    }

    /** The same pass spread over the machine's cores (the common fork-join pool plus the calling thread). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    public double portfolioParallel(Portfolio state) {
        return state.clients.parallelStream().mapToDouble(c -> ScoreEngine.score(c).score()).sum();
    }
}
