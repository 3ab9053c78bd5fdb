package io.atq.bench;

import com.github.dockerjava.api.DockerClient;
import io.atq.testfixtures.AppProcess;
import io.atq.testfixtures.SwarmLeaks;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code compose/dev bench}: starts its own gateway and directors (instance {@code atq-bench}, own ports, own RabbitMQ
 * vhosts that the script creates and deletes), measures each figure side by side with its raw baseline in the same
 * run, prints a table and writes every raw number as JSON. Exit status 0, or 1 when something failed or leaked
 * (a missed target is reported, not a failure).
 *
 * <p>{@code Bench idle} is the bare-JVM baseline of the footprint figures: it prints {@code ready} and waits.
 */
public final class Bench {
    private static final int CONNECTIONS = 64;
    /** The fixed request rates of figure 1's latency rows: the target's, then the machine near its ceiling. */
    private static final List<Integer> FIXED_RATES = List.of(300, 1000);

    private final Options options;
    private final List<AppProcess> apps = new CopyOnWriteArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("summarise")) {
            // Figure 6's bounded-memory check, in a JVM of its own with a small heap (ResultsBench.inSmallHeap).
            System.out.println("samples " + io.atq.results.ResultsFolder.summarize(Path.of(args[1]), "results").overall().count());
            return;
        }
        if (args.length > 0 && args[0].equals("idle")) {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        Bench bench = new Bench(Options.parse(args));
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopApps));
        int status;
        try {
            status = bench.run();
        } catch (Exception e) {
            System.err.println("bench FAILED: " + e);
            e.printStackTrace();
            status = 1;
        }
        bench.stopApps();
        System.exit(status);
    }

    /** Command-line options (compose/dev passes all of them). */
    record Options(boolean quick, Path work, Path out, Path gatewayJar, Path directorJar, Path selfJar,
                   String instance, String intakeVhost, String relayVhost, String runVhost, String imageVhost, int port, List<String> appJvmOptions,
                   List<String> directorArgs, List<String> only) {
        /** The apps' ATQ_CONFIG: {@link BenchConfig} writes it when the run starts. */
        Path config() {
            return work.resolve(BenchConfig.RESOURCE);
        }

        boolean runs(String part) {
            return only.isEmpty() || only.contains(part);
        }

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            boolean quick = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--quick")) {
                    quick = true;
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    m.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Options(quick, Path.of(req(m, "work")), Path.of(req(m, "out")), Path.of(req(m, "gateway-jar")),
                    Path.of(req(m, "director-jar")), Path.of(req(m, "self-jar")),
                    m.getOrDefault("instance", "atq-bench"), req(m, "intake-vhost"), req(m, "relay-vhost"), req(m, "run-vhost"), req(m, "image-vhost"),
                    Integer.parseInt(m.getOrDefault("port", "18480")), words(m.get("app-jvm-options")),
                    words(m.get("director-args")), words(m.getOrDefault("only", "").replace(',', ' ')));
        }

        private static String req(Map<String, String> m, String key) {
            String v = m.get(key);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("missing --" + key);
            }
            return v;
        }

        private static List<String> words(@Nullable String s) {
            return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
        }
    }

    private int run() throws Exception {
        Files.createDirectories(options.work());
        BenchConfig.write(options.work());
        raw.put("started", Instant.now().toString());
        raw.put("quick", options.quick());
        raw.put("cores", Runtime.getRuntime().availableProcessors());
        raw.put("java", System.getProperty("java.version"));
        raw.put("app_jvm_options", options.appJvmOptions());
        DockerClient docker = SwarmBaseline.dockerClient();
        List<SwarmLeaks> leakChecks = List.of(SwarmLeaks.of(docker, options.instance()), SwarmLeaks.of(docker, baselineInstance()));
        for (SwarmLeaks earlier : leakChecks) {
            List<String> before = earlier.remaining();
            if (!before.isEmpty()) {
                System.out.println("WARN: objects of an earlier bench run, removing: " + before);
                earlier.removeAll();
            }
        }
        boolean ok = true;
        Bare bare = bareJvm();
        try {
            if (options.runs("startup")) {
                startup(bare);
            }
            if (options.runs("intake")) {
                intake(bare);
            }
            if (options.runs("intake") || options.runs("relay")) {
                relay();
            }
            if (options.runs("orchestration")) {
                orchestration(docker, bare);
            }
            if (options.runs("results")) {
                results();
            }
        } catch (Exception e) {
            ok = false;
            raw.put("error", e.toString());
            System.err.println("bench FAILED: " + e);
            e.printStackTrace();
        } finally {
            stopApps();
        }
        List<String> leaked = new ArrayList<>();
        for (SwarmLeaks check : leakChecks) {
            // Removal is asynchronous (containers linger a few seconds): only what outlives the wait leaked.
            List<String> left = check.awaitGone(Duration.ofSeconds(30));
            if (!left.isEmpty()) {
                check.removeAll();
                leaked.addAll(left);
            }
        }
        raw.put("leaked", leaked);
        if (!leaked.isEmpty()) {
            ok = false;
            System.err.println("ERROR: Swarm objects of instance " + options.instance() + " outlived the bench (removed now): " + leaked);
        }
        raw.put("rows", rows.stream().map(Row::toMap).toList());
        raw.put("finished", Instant.now().toString());
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(raw));
        printTable();
        System.out.println("raw numbers: " + options.out());
        return ok ? 0 : 1;
    }

    // ------------------------------------------------------------------ footprint baseline

    /** A bare JVM started the same way (java -Xmx512m -jar, Boot's launcher): time to main() and its resident memory. */
    private record Bare(long startNanos, long rssBytes) {
    }

    private Bare bareJvm() throws Exception {
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(List.of("-jar", options.selfJar().toString(), "idle"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = p.inputReader()) {
            String line = out.readLine();
            long started = System.nanoTime() - t0;
            if (!"ready".equals(line)) {
                throw new IllegalStateException("bare JVM printed " + line);
            }
            Thread.sleep(2000);
            long rss = AppProcess.residentBytesOf(p.pid());
            raw.put("bare_jvm", Map.of("start_ms", started / 1e6, "rss_mb", rss / 1048576.0));
            return new Bare(started, rss);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ 5 start-up, alone, with and without the AOT cache

    /**
     * Each app started alone on a quiet machine (first, before anything else runs), with its ahead-of-time cache and
     * without, alternating: process start to {@code /actuator/health} UP. Then the same inside the app images
     * ({@link ImageStartup}: to readiness, what the image's HEALTHCHECK asks).
     */
    private void startup(Bare bare) throws Exception {
        int rounds = options.quick() ? 1 : 3;
        section("start-up: each app alone, with and without its ahead-of-time cache, " + rounds + " round(s)");
        Fields startup = new Fields();
        for (String app : List.of("gateway", "director")) {
            List<Long> cached = new ArrayList<>();
            List<Long> uncached = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                cached.add(startAlone(app, true));
                uncached.add(startAlone(app, false));
            }
            Stats with = Stats.of(cached);
            Stats without = Stats.of(uncached);
            startup.with(app, new Fields().with("with_aot_cache", with.toMillis()).with("without_aot_cache", without.toMillis()));
            System.out.printf("    %s: %s with its AOT cache, %s without%n", app, Row.ms(with.p50Ms()), Row.ms(without.p50Ms()));
            rows.add(new Row("5 " + app + " start-up to healthy, alone", Row.ms(with.p50Ms()) + " (AOT cache)",
                    "no cache " + Row.ms(without.p50Ms()) + "; bare JVM " + Row.ms(bare.startNanos() / 1e6),
                    with.p50Ms() / without.p50Ms(), "<= 3 s", with.p50Ms() <= 3000, load()));
        }
        section("start-up inside the images (docker run to readiness), " + rounds + " round(s)");
        ImageStartup images = new ImageStartup(options.config(), options.imageVhost(), options.port() + 30, rounds);
        for (ImageStartup.Result r : List.of(images.gateway(), images.director())) {
            startup.with(r.image(), r.toMap());
            rows.add(new Row("5 " + r.image() + " start-up to ready", Row.ms(r.cachedMs()) + " (AOT cache)",
                    "no cache " + Row.ms(r.uncachedMs()) + "; bare JVM in a container " + Row.ms(r.bareMs()),
                    r.cachedMs() / r.uncachedMs(), "<= 3 s", r.cachedMs() <= 3000, load()));
        }
        raw.put("startup", startup);
    }

    /** One app started alone on the run vhost (nothing else runs yet) and stopped: process start to health UP. */
    private long startAlone(String app, boolean aotCache) {
        boolean gateway = app.equals("gateway");
        String name = app + "-startup-" + (aotCache ? "aot" : "plain");
        AppProcess process = start(name, gateway ? options.gatewayJar() : options.directorJar(), options.port() + 20,
                options.runVhost(), gateway ? List.of() : List.of("--atq.director-id=atq-bench-startup"), aotCache);
        try {
            return process.awaitHealthy(Duration.ofMinutes(3)).toNanos();
        } finally {
            stop(process);
        }
    }

    // ------------------------------------------------------------------ 1 intake, 5 gateway footprint

    private void intake(Bare bare) throws Exception {
        Duration warmup = Duration.ofSeconds(options.quick() ? 3 : 10);
        // A cold gateway spends most of its CPU in the JIT compilers for its first ~100 s of load on 2 busy cores
        // (docs/benchmarks.md): measuring before they are done measures the compiler, not the gateway.
        Duration warmupLimit = Duration.ofSeconds(options.quick() ? 60 : 180);
        Duration measure = Duration.ofSeconds(options.quick() ? 5 : 30);
        Duration fixed = Duration.ofSeconds(options.quick() ? 3 : 10);

        // No director on this vhost: nothing is deployed, and the vhost (queue, stream, read model input) is deleted after.
        // Every request accepted here stays QUEUED in this gateway's read model (no director): a full run leaves
        // ~120k tasks (~200 MB live in a 512 MB heap, docs/operations.md), as a busy week would.
        AppProcess gateway = start("gateway-intake", options.gatewayJar(), options.port(), options.intakeVhost(), List.of());
        Duration gatewayStart = gateway.awaitHealthy(Duration.ofMinutes(3));
        Map<String, Object> intake = new LinkedHashMap<>();
        raw.put("intake", intake);
        // The HTTP pool has exactly as many connections as the raw publisher has channels.
        try (AtqHttp http = new AtqHttp("http://127.0.0.1:" + options.port(), CONNECTIONS);
             RawBroker broker = new RawBroker(options.intakeVhost())) {
            broker.declareRawTopology();
            Load.OpFactory atq = () -> () -> {
                AtqHttp.Submitted submitted = http.submit(AtqHttp.DEMO_TASK);
                if (!submitted.accepted()) {
                    throw new IllegalStateException("POST /v1/tasks answered " + submitted.status()); // the run's first error
                }
                return true;
            };
            Load.OpFactory plain = broker::newRequestPublisher;

            section("intake warm-up: rounds of " + warmup.toSeconds() + " s until the gateway's JIT compilers are idle (at most "
                    + warmupLimit.toSeconds() + " s)");
            intake.put("warmup_atq", warmUp(atq, gateway.pid(), warmup, warmupLimit));
            intake.put("warmup_raw", result(Load.closedLoop(plain, CONNECTIONS, warmup)));

            section("intake: " + CONNECTIONS + " connections, " + measure.toSeconds() + " s each");
            double loadAtq = load();
            Cpu cpu = Cpu.start(gateway.pid());
            Load.Result a = Load.closedLoop(atq, CONNECTIONS, measure);
            intake.put("closed_atq", result(a).with("load1", loadAtq).with("cpu", cpu.perRequest(a.ok())));
            double loadRaw = load();
            cpu = Cpu.start(gateway.pid());
            Load.Result r = Load.closedLoop(plain, CONNECTIONS, measure);
            intake.put("closed_raw", result(r).with("load1", loadRaw).with("cpu", cpu.perRequest(r.ok())));
            double ratio = a.rate() / r.rate();
            rows.add(new Row("1 intake throughput, 64 conns (req/s)", String.format("%.0f/s", a.rate()),
                    String.format("%.0f/s", r.rate()), ratio, ">= 0.3x", ratio >= 0.3 && a.failed() == 0, (loadAtq + loadRaw) / 2));
            rows.add(new Row("1 intake latency p50, 64 conns", Row.ms(a.latency().p50Ms()), Row.ms(r.latency().p50Ms()),
                    a.latency().p50Ms() / r.latency().p50Ms(), "", null, (loadAtq + loadRaw) / 2));
            rows.add(new Row("1 intake latency p99, 64 conns", Row.ms(a.latency().p99Ms()), Row.ms(r.latency().p99Ms()),
                    a.latency().p99Ms() / r.latency().p99Ms(), "", null, (loadAtq + loadRaw) / 2));

            // At 300/s (the target: p99 <= 25 ms) and at 1,000/s (reported: the machine near its ceiling).
            for (int rate : FIXED_RATES) {
                section("intake at " + rate + " req/s, " + fixed.toSeconds() + " s each");
                String key = rate == 1000 ? "fixed_rate" : "fixed_rate_" + rate;
                loadAtq = load();
                cpu = Cpu.start(gateway.pid());
                Load.Result af = Load.fixedRate(atq, CONNECTIONS, rate, fixed);
                intake.put(key + "_atq", result(af).with("load1", loadAtq).with("cpu", cpu.perRequest(af.ok())));
                loadRaw = load();
                cpu = Cpu.start(gateway.pid());
                Load.Result rf = Load.fixedRate(plain, CONNECTIONS, rate, fixed);
                intake.put(key + "_raw", result(rf).with("load1", loadRaw).with("cpu", cpu.perRequest(rf.ok())));
                boolean target = rate == 300;
                rows.add(new Row(String.format("1 intake p99 at %,d req/s", rate), Row.ms(af.latency().p99Ms()) + String.format(" (%.0f/s)", af.rate()),
                        Row.ms(rf.latency().p99Ms()) + String.format(" (%.0f/s)", rf.rate()),
                        af.latency().p99Ms() / rf.latency().p99Ms(), target ? "p99 <= 25 ms" : "(reported)",
                        target ? af.latency().p99Ms() <= 25 && af.failed() == 0 : null, (loadAtq + loadRaw) / 2));
            }
            intake.put("raw_returned", broker.returned());
            broker.deleteRawTopology();

            long gatewayRss = gateway.residentBytes();
            Map<String, Object> gatewayMemory = Footprint.of(gateway.pid());
            System.out.println(Footprint.describe("gateway after intake", gatewayRss, gatewayMemory));

            raw.put("gateway_footprint", Map.of("start_to_healthy_ms", gatewayStart.toNanos() / 1e6,
                    "rss_after_intake_mb", gatewayRss / 1048576.0, "memory", gatewayMemory));
            rows.add(new Row("5 gateway start-up to healthy", Row.ms(gatewayStart.toNanos() / 1e6), "bare JVM " + Row.ms(bare.startNanos() / 1e6),
                    (double) gatewayStart.toNanos() / bare.startNanos(), "", null, load()));
            rows.add(new Row("5 gateway RSS after intake", mb(gatewayRss), "bare JVM " + mb(bare.rssBytes()),
                    (double) gatewayRss / bare.rssBytes(), "", null, load()));
        } finally {
            stop(gateway);
        }
    }

    // ------------------------------------------------------------------ 3 relay

    /**
     * On a gateway of its own (own vhost, empty read model, nothing else to do): measured on the intake gateway right
     * after intake, the relay figure also measured that run's after-effects (~120k tasks to collect around, load 7-8).
     */
    private void relay() throws Exception {
        int port = options.port() + 2;
        AppProcess gateway = start("gateway-relay", options.gatewayJar(), port, options.relayVhost(), List.of());
        gateway.awaitHealthy(Duration.ofMinutes(3));
        try (AtqHttp http = new AtqHttp("http://127.0.0.1:" + port, 4);
             RawBroker broker = new RawBroker(options.relayVhost())) {
            // 40 tasks = 280 events even in quick mode (a few seconds): with 70, the nearest-rank p99 was the maximum.
            int relayTasks = options.quick() ? 40 : 100;
            // A fresh gateway: its first event streams load and compile the SSE path (start-up cost, not relay latency).
            int relayWarmup = options.quick() ? 10 : 30;
            section("event relay: " + relayTasks + " tasks x 7 phases (after " + relayWarmup + " warm-up tasks), own gateway");
            double loadRelay = load();
            RelayBench.Result relay = RelayBench.run(http, "http://127.0.0.1:" + port, broker, relayTasks, relayWarmup);
            raw.put("relay", Map.of("events", relay.events(), "warmup_tasks", relayWarmup, "sse", relay.sse().toMillis(),
                    "raw_stream", relay.stream().toMillis(), "sse_minus_raw", relay.added().toMillis(),
                    "slowest_sse_index_sse_raw_ms", relay.worst(), "load1", loadRelay));
            rows.add(new Row("3 relay TaskPhaseChanged -> SSE p50", Row.ms(relay.sse().p50Ms()), Row.ms(relay.stream().p50Ms()),
                    relay.sse().p50Ms() / relay.stream().p50Ms(), "", null, loadRelay));
            rows.add(new Row("3 relay TaskPhaseChanged -> SSE p99", Row.ms(relay.sse().p99Ms()), Row.ms(relay.stream().p99Ms()),
                    relay.sse().p99Ms() / relay.stream().p99Ms(), "p99 <= 20 ms", relay.sse().p99Ms() <= 20, loadRelay));
            rows.add(new Row("3 relay SSE minus raw, same event, p50/p99", Row.ms(relay.added().p50Ms()) + " / "
                    + Row.ms(relay.added().p99Ms()), "", null, "", null, loadRelay));
        } finally {
            stop(gateway);
        }
    }

    // ------------------------------------------------------------------ 6 results

    /** Figure 6: a task's results summarised (1,000,000 JTL rows from 4 files) against a plain CSV read of them. */
    private void results() throws Exception {
        long sampleRows = options.quick() ? 200_000 : 1_000_000;
        int rounds = options.quick() ? 2 : 5;
        section("results: " + String.format("%,d", sampleRows) + " JTL rows in 4 files, " + rounds + " rounds (summary, plain read in turn)");
        double loadResults = load();
        ResultsBench.Result r = ResultsBench.run(options.work(), options.selfJar(), sampleRows, 4, rounds);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("rows", r.rows());
        results.put("files", r.files());
        results.put("mb", r.bytes() / 1048576.0);
        results.put("summary", r.atq().toMillis());
        results.put("plain_read", r.plain().toMillis());
        results.put("small_rows", r.smallRows());
        results.put("retained_small_kb", r.retainedSmall() / 1024.0);
        results.put("retained_all_kb", r.retainedLarge() / 1024.0);
        results.put("p95_ms", r.p95Millis());
        results.put("small_heap", r.smallHeap());
        results.put("load1", loadResults);
        raw.put("results", results);
        rows.add(new Row(String.format("6 summarise %,d JTL rows, 4 files (%.0f MB)", r.rows(), r.bytes() / 1048576.0),
                Row.ms(r.atq().p50Ms()), "plain CSV read " + Row.ms(r.plain().p50Ms()), r.atq().p50Ms() / r.plain().p50Ms(),
                "seconds, not minutes", r.atq().p50Ms() < 60_000, loadResults));
        rows.add(new Row(String.format("6 summary heap kept, %,d vs %,d rows", r.rows(), r.smallRows()),
                String.format("%.0f KB", r.retainedLarge() / 1024.0), String.format("%.0f KB", r.retainedSmall() / 1024.0),
                r.retainedSmall() > 0 ? (double) r.retainedLarge() / r.retainedSmall() : null, "does not grow with rows", null, loadResults));
        rows.add(new Row(String.format("6 summarise %,d rows in a JVM with -Xmx%dm", r.rows(), ResultsBench.SMALL_HEAP_MB), r.smallHeap(),
                "", null, "completes", r.smallHeap().startsWith("completed"), loadResults));
    }

    // ------------------------------------------------------------------ 2 orchestration, 4 concurrency, 5 director footprint

    private void orchestration(DockerClient docker, Bare bare) throws Exception {
        int rounds = options.quick() ? 3 : 10;
        List<Integer> batches = options.quick() ? List.of(6, 10) : List.of(20, 50);
        int largest = batches.stream().mapToInt(Integer::intValue).max().orElse(8);
        int gatewayPort = options.port() + 1;
        int directorPort = options.port() + 11;
        AppProcess gateway = start("gateway-run", options.gatewayJar(), gatewayPort, options.runVhost(), List.of());
        List<String> directorArgs = new ArrayList<>(List.of("--atq.director-id=atq-bench-director-1",
                // Room for every task of the largest concurrency batch at once (the default is 8).
                "--atq.director.max-concurrent-tasks=" + Math.max(largest, 8)));
        directorArgs.addAll(options.directorArgs());
        AppProcess director = start("director-1", options.directorJar(), directorPort, options.runVhost(), directorArgs);
        Duration gatewayStart = gateway.awaitHealthy(Duration.ofMinutes(3));
        Duration directorStart = director.awaitHealthy(Duration.ofMinutes(3));
        raw.put("run_gateway_start_to_healthy_ms", gatewayStart.toNanos() / 1e6);
        try (AtqHttp http = new AtqHttp("http://127.0.0.1:" + gatewayPort, CONNECTIONS)) {
            AtqRuns atq = new AtqRuns(http);
            // Its own instance label: the bench director's reaper removes objects of its instance that no live
            // director owns (as the baselines' would be), so the baselines must not carry the director's instance.
            Path baselineResults = Files.createDirectories(options.work().resolve("baseline-results"));
            SwarmBaseline baseline = new SwarmBaseline(docker, baselineInstance(), baselineResults);
            CliPipeline cli = new CliPipeline(baselineInstance(), baselineResults);

            section("orchestration warm-up: one task each");
            Map<String, Object> orchestration = new LinkedHashMap<>();
            raw.put("orchestration", orchestration);
            try {
                orchestration.put("warmup_atq", runMap(atq.one()));
                orchestration.put("warmup_baseline", baselineMap(baseline.run()));
                orchestration.put("warmup_cli", cliMap(cli.run(), 0));
            } catch (Exception e) {
                // Warm-up only: the measured runs below decide.
                orchestration.put("warmup_error", e.toString());
                System.out.println("    warm-up failed: " + e);
            }

            section("orchestration: " + rounds + " rounds (ATQ, docker-java and CLI pipeline in turn)");
            List<Map<String, Object>> atqRuns = new ArrayList<>();
            List<Map<String, Object>> baseRuns = new ArrayList<>();
            List<Map<String, Object>> cliRuns = new ArrayList<>();
            List<Long> atqRunning = new ArrayList<>();
            List<Long> atqEnd = new ArrayList<>();
            List<Long> atqCleanup = new ArrayList<>();
            List<Long> baseRunning = new ArrayList<>();
            List<Long> baseEnd = new ArrayList<>();
            List<Long> baseRemoved = new ArrayList<>();
            List<Long> cliRunning = new ArrayList<>();
            List<Long> cliEnd = new ArrayList<>();
            List<Long> cliRemoved = new ArrayList<>();
            Map<String, List<Long>> cliSteps = new LinkedHashMap<>();
            List<Double> loads = new ArrayList<>();
            int failures = 0;
            int baseFailures = 0;
            int cliFailures = 0;
            for (int i = 0; i < rounds; i++) {
                loads.add(load());
                // Rotate which goes first, so a drift in the machine's load hits all three alike.
                for (int k = 0; k < 3; k++) {
                    switch ((i + k) % 3) {
                        case 0 -> {
                            try {
                                AtqRuns.Run run = atq.one();
                                atqRuns.add(runMap(run));
                                if (!run.succeeded()) {
                                    failures++;
                                    continue;
                                }
                                atqRunning.add(run.runningNanos());
                                atqEnd.add(run.endNanos());
                                atqCleanup.add(run.cleanedUpNanos());
                            } catch (Exception e) {
                                failures++;
                                atqRuns.add(Map.of("error", e.toString()));
                                System.out.println("    ATQ run failed: " + e);
                            }
                        }
                        case 1 -> {
                            try {
                                SwarmBaseline.Result b = baseline.run();
                                baseRuns.add(baselineMap(b));
                                baseRunning.add(b.runningNanos());
                                baseEnd.add(b.doneNanos());
                                baseRemoved.add(b.removedNanos() - b.doneNanos());
                            } catch (Exception e) {
                                baseFailures++;
                                baseRuns.add(Map.of("error", e.toString()));
                                System.out.println("    docker-java baseline run failed: " + e);
                            }
                        }
                        default -> {
                            try {
                                CliPipeline.Result c = cli.run();
                                cliRuns.add(cliMap(c, 0));
                                if (!c.succeeded()) {
                                    cliFailures++;
                                    continue;
                                }
                                cliRunning.add(c.runningNanos());
                                cliEnd.add(c.doneNanos());
                                cliRemoved.add(c.removedNanos() - c.doneNanos());
                                c.steps().forEach((step, nanos) -> cliSteps.computeIfAbsent(step, s -> new ArrayList<>()).add(nanos));
                            } catch (Exception e) {
                                cliFailures++;
                                cliRuns.add(Map.of("error", e.toString()));
                                System.out.println("    CLI pipeline run failed: " + e);
                            }
                        }
                    }
                }
                if (failures + baseFailures + cliFailures > rounds / 2) {
                    throw new IllegalStateException("orchestration: " + failures + " ATQ, " + baseFailures + " docker-java and "
                            + cliFailures + " CLI pipeline runs failed");
                }
                System.out.printf("    round %d: ATQ running %s / end %s, docker-java running %s / end %s, CLI running %s / end %s  (load %.2f)%n",
                        i + 1, last(atqRunning), last(atqEnd), last(baseRunning), last(baseEnd), last(cliRunning), last(cliEnd), load());
            }
            double load = loads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            Stats ar = Stats.of(atqRunning);
            Stats ae = Stats.of(atqEnd);
            Stats br = Stats.of(baseRunning);
            Stats be = Stats.of(baseEnd);
            Stats cr = Stats.of(cliRunning);
            Stats ce = Stats.of(cliEnd);
            Map<String, Object> cliStepStats = new LinkedHashMap<>();
            cliSteps.forEach((step, nanos) -> cliStepStats.put(step, Stats.of(nanos).toMillis()));
            orchestration.put("atq_runs", atqRuns);
            orchestration.put("baseline_runs", baseRuns);
            orchestration.put("cli_runs", cliRuns);
            orchestration.put("atq_running", ar.toMillis());
            orchestration.put("atq_succeeded", ae.toMillis());
            orchestration.put("atq_cleanup_after_verdict", Stats.of(atqCleanup).toMillis());
            orchestration.put("baseline_running", br.toMillis());
            orchestration.put("baseline_done", be.toMillis());
            orchestration.put("baseline_removal_after_verdict", Stats.of(baseRemoved).toMillis());
            orchestration.put("cli_running", cr.toMillis());
            orchestration.put("cli_done", ce.toMillis());
            orchestration.put("cli_removal_after_verdict", Stats.of(cliRemoved).toMillis());
            orchestration.put("cli_steps_from_first_call", cliStepStats);
            orchestration.put("atq_failures", failures);
            orchestration.put("baseline_failures", baseFailures);
            orchestration.put("cli_failures", cliFailures);
            orchestration.put("load1", loads);
            // The CLI pipeline is the baseline with a target; the docker-java one (with probe and log reads, as the
            // director) stays for information.
            rows.add(new Row("2 POST -> RUNNING, median of " + ar.count() + " / CLI", Row.ms(ar.p50Ms()), "CLI " + Row.ms(cr.p50Ms()),
                    ar.p50Ms() / cr.p50Ms(), "<= 1.15x", ar.p50Ms() / cr.p50Ms() <= 1.15 && failures == 0 && cliFailures == 0, load));
            rows.add(new Row("2 POST -> SUCCEEDED, median of " + ae.count() + " / CLI", Row.ms(ae.p50Ms()), "CLI " + Row.ms(ce.p50Ms()),
                    ae.p50Ms() / ce.p50Ms(), "<= 1.15x", ae.p50Ms() / ce.p50Ms() <= 1.15 && failures == 0 && cliFailures == 0, load));
            rows.add(new Row("2 POST -> RUNNING / docker-java", Row.ms(ar.p50Ms()), "docker-java " + Row.ms(br.p50Ms()),
                    ar.p50Ms() / br.p50Ms(), "(info)", null, load));
            rows.add(new Row("2 POST -> SUCCEEDED / docker-java", Row.ms(ae.p50Ms()), "docker-java " + Row.ms(be.p50Ms()),
                    ae.p50Ms() / be.p50Ms(), "(info)", null, load));
            Stats ac = Stats.of(atqCleanup);
            Stats bc = Stats.of(baseRemoved);
            Stats cc = Stats.of(cliRemoved);
            rows.add(new Row("2 verdict -> all removed, median / CLI", Row.ms(ac.p50Ms()), "CLI " + Row.ms(cc.p50Ms()),
                    ac.p50Ms() / cc.p50Ms(), "", null, load));
            rows.add(new Row("2 verdict -> all removed / docker-java", Row.ms(ac.p50Ms()), "docker-java " + Row.ms(bc.p50Ms()),
                    ac.p50Ms() / bc.p50Ms(), "(info)", null, load));
            System.out.println("    CLI pipeline steps, median from its first docker call: " + cliSteps.entrySet().stream()
                    .map(e -> e.getKey() + " " + Row.ms(Stats.of(e.getValue()).p50Ms())).toList());

            List<Map<String, Object>> concurrency = new ArrayList<>();
            raw.put("concurrency", concurrency);
            List<String> concurrencyFailures = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) {
                int n = batches.get(b);
                section("concurrency: " + n + " tasks at once, and " + n + " CLI pipelines at once");
                Map<String, Object> batch = new LinkedHashMap<>();
                batch.put("tasks", n);
                concurrency.add(batch);
                // The first batch starts with ATQ, the next with the CLI: a drift in the load hits both alike.
                Batch atqBatch;
                Batch cliBatch;
                if (b % 2 == 0) {
                    atqBatch = atqBatch(atq, n, director.pid());
                    cliBatch = cliBatch(cli, n);
                } else {
                    cliBatch = cliBatch(cli, n);
                    atqBatch = atqBatch(atq, n, director.pid());
                }
                batch.put("atq", atqBatch.raw());
                batch.put("cli", cliBatch.raw());
                long atqOk = atqBatch.succeeded();
                long cliOk = cliBatch.succeeded();
                double atqWall = atqBatch.wallMs();
                double cliWall = cliBatch.wallMs();
                double ratio = atqWall / cliWall;
                batch.put("ratio", ratio);
                System.out.printf("    %d at once: ATQ %s (%d/%d ok), CLI pipelines %s (%d/%d ok): %.2fx%n", n, Row.ms(atqWall), atqOk, n,
                        Row.ms(cliWall), cliOk, n, ratio);
                rows.add(new Row("4 " + n + " tasks at once: wall to last verdict", Row.ms(atqWall) + " (" + atqOk + "/" + n + " ok)",
                        n + " CLI " + Row.ms(cliWall) + " (" + cliOk + "/" + n + ")", ratio, "<= 1.10x, all ok",
                        ratio <= 1.10 && atqOk == n && cliOk == n, (atqBatch.load() + cliBatch.load()) / 2));
                if (atqOk != n) {
                    concurrencyFailures.add("only " + atqOk + " of " + n + " ATQ tasks succeeded");
                }
                if (cliOk != n) {
                    concurrencyFailures.add("only " + cliOk + " of " + n + " CLI pipelines succeeded");
                }
            }

            long directorRss = director.residentBytes();
            long gatewayRss = gateway.residentBytes();
            Map<String, Object> directorMemory = Footprint.of(director.pid());
            System.out.println(Footprint.describe("director after the runs", directorRss, directorMemory));
            raw.put("director_footprint", Map.of("start_to_healthy_ms", directorStart.toNanos() / 1e6,
                    "rss_after_runs_mb", directorRss / 1048576.0, "run_gateway_rss_mb", gatewayRss / 1048576.0,
                    "memory", directorMemory));
            rows.add(new Row("5 director start-up to healthy", Row.ms(directorStart.toNanos() / 1e6), "bare JVM " + Row.ms(bare.startNanos() / 1e6),
                    (double) directorStart.toNanos() / bare.startNanos(), "", null, load()));
            rows.add(new Row("5 director RSS after the runs", mb(directorRss), "bare JVM " + mb(bare.rssBytes()),
                    (double) directorRss / bare.rssBytes(), "", null, load()));
            if (!concurrencyFailures.isEmpty()) {
                throw new IllegalStateException("concurrency: " + String.join("; ", concurrencyFailures));
            }
            if (failures > 0) {
                throw new IllegalStateException("orchestration: " + failures + " ATQ runs did not succeed (see the raw file)");
            }
            if (cliFailures > 0) {
                throw new IllegalStateException("orchestration: " + cliFailures + " CLI pipeline runs did not succeed (see the raw file)");
            }
        } finally {
            stop(director);
            stop(gateway);
        }
    }

    /** {@code n} demo tasks POSTed at once: wall time to the last verdict, each run, and the director's and docker's CPU. */
    /** One concurrency batch: how many succeeded, wall time to the last verdict, the load when it began, and its raw numbers. */
    private record Batch(long succeeded, double wallMs, double load, Map<String, Object> raw) {
    }

    private static Batch atqBatch(AtqRuns atq, int n, long directorPid) throws Exception {
        double load = load();
        double directorCpu = cpuSeconds(directorPid);
        double dockerdCpu = cpuSeconds(findDockerdPid());
        long t0 = System.nanoTime();
        List<AtqRuns.Run> runs = atq.concurrent(n);
        long succeeded = runs.stream().filter(AtqRuns.Run::succeeded).count();
        long wall = runs.stream().mapToLong(AtqRuns.Run::endNanos).max().orElse(0);
        return new Batch(succeeded, wall / 1e6, load, new Fields().with("succeeded", succeeded).with("wall_ms", wall / 1e6)
                .with("load1", load).with("including_cleanup_ms", (System.nanoTime() - t0) / 1e6)
                .with("director_cpu_s", cpuSeconds(directorPid) - directorCpu)
                .with("dockerd_cpu_s", cpuSeconds(findDockerdPid()) - dockerdCpu)
                .with("runs", runs.stream().map(Bench::runMap).toList()));
    }

    /**
     * {@code n} CLI pipelines at once, one thread each: wall time from the common start to the last master's exit, each
     * run (its verdict counted from the common start), and the CPU the docker processes and dockerd used.
     */
    private static Batch cliBatch(CliPipeline cli, int n) throws Exception {
        double load = load();
        double childCpu = childCpuSeconds();
        double dockerdCpu = cpuSeconds(findDockerdPid());
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        long[] start = new long[1];
        List<java.util.concurrent.Future<Map<String, Object>>> futures = new ArrayList<>();
        try (java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(() -> {
                    go.await();
                    long began = System.nanoTime() - start[0];
                    try {
                        return cliMap(cli.run(), began);
                    } catch (Exception e) {
                        return new Fields().with("error", e.toString()).with("started_ms", began / 1e6);
                    }
                }));
            }
            start[0] = System.nanoTime();
            go.countDown();
            List<Map<String, Object>> runs = new ArrayList<>();
            for (java.util.concurrent.Future<Map<String, Object>> f : futures) {
                runs.add(f.get(15, TimeUnit.MINUTES));
            }
            long including = System.nanoTime() - start[0];
            long succeeded = runs.stream().filter(r -> Integer.valueOf(0).equals(r.get("exit_code"))).count();
            double wall = runs.stream().map(r -> r.get("verdict_from_start_ms")).filter(Double.class::isInstance)
                    .mapToDouble(v -> (Double) v).max().orElse(0);
            runs.stream().filter(r -> r.containsKey("error")).findFirst()
                    .ifPresent(r -> System.out.println("    a CLI pipeline failed: " + r.get("error")));
            return new Batch(succeeded, wall, load, new Fields().with("succeeded", succeeded).with("wall_ms", wall).with("load1", load)
                    .with("including_cleanup_ms", including / 1e6)
                    .with("docker_cli_cpu_s", childCpuSeconds() - childCpu)
                    .with("dockerd_cpu_s", cpuSeconds(findDockerdPid()) - dockerdCpu)
                    .with("runs", runs));
        }
    }

    // ------------------------------------------------------------------ helpers

    private String baselineInstance() {
        return options.instance() + "-baseline";
    }

    private AppProcess start(String name, Path jar, int port, String vhost, List<String> args) {
        return start(name, jar, port, vhost, args, true);
    }

    private AppProcess start(String name, Path jar, int port, String vhost, List<String> args, boolean aotCache) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ATQ_CONFIG", options.config().toString());
        env.put("ATQ_INSTANCE", options.instance());
        env.put("SPRING_RABBITMQ_HOST", "127.0.0.1");
        env.put("SPRING_RABBITMQ_PORT", "5672");
        env.put("SPRING_RABBITMQ_USERNAME", "guest");
        env.put("SPRING_RABBITMQ_PASSWORD", "guest");
        env.put("SPRING_RABBITMQ_VIRTUAL_HOST", vhost);
        List<String> jvm = options.appJvmOptions().stream()
                .map(o -> o.replace("{name}", name).replace("{work}", options.work().toString())).toList();
        System.out.printf("    starting %s on port %d (vhost %s, log %s)%n", name, port, vhost, options.work().resolve(name + ".log"));
        // As compose/dev up starts the apps (java -Xmx512m -jar …, the director with -Xms64m: heap_options in
        // compose/lib/apps.sh); the pid file lets compose/dev bench's exit trap stop the app even if this JVM dies first.
        List<String> jvmOptions = new ArrayList<>(jar.equals(options.directorJar()) ? List.of("-Xms64m", "-Xmx512m") : List.of("-Xmx512m"));
        jvmOptions.addAll(jvm);
        AppProcess app = AppProcess.launch(name, jar).port(port).env(env).jvmOptions(jvmOptions).args(args).aotCache(aotCache)
                .logDir(options.work()).pidDir(options.work().resolve("pids")).start();
        apps.add(app);
        return app;
    }

    private void stop(AppProcess app) {
        if (apps.remove(app)) {
            app.close();
        }
    }

    private void stopApps() {
        for (AppProcess app : apps) {
            stop(app);
        }
    }

    private static void section(String title) {
        System.out.printf("==> %s  (load %.2f)%n", title, load());
    }

    /** CPU seconds (user + system) a process has used so far; -1 if it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU seconds this JVM's JIT compiler threads (C1, C2) have used so far. At a few hundred requests per second a
     * load run is too short for the client's code to be compiled before it ends, so this is a large share of the
     * client's CPU; reported apart so the client's own cost per request can be told from its warm-up.
     */
    static double jitCpuSeconds() {
        return jitCpuSeconds(ProcessHandle.current().pid());
    }

    /** As {@link #jitCpuSeconds()}, for the JVM with process id {@code pid}. */
    static double jitCpuSeconds(long pid) {
        double ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                String stat = Files.readString(thread.resolve("stat"));
                if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).contains("CompilerThre")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A compiler thread may end between listing and reading: the figure is informative only.
        }
        return ticks / 100.0;
    }

    /**
     * Closed-loop rounds of {@code round} until the gateway's JIT compiler threads used less than
     * {@value #JIT_IDLE_SHARE} of its CPU in a round, or {@code limit} has passed.
     */
    private static Fields warmUp(Load.OpFactory atq, long gatewayPid, Duration round, Duration limit) throws Exception {
        List<Map<String, Object>> rounds = new ArrayList<>();
        long end = System.nanoTime() + limit.toNanos();
        double share;
        do {
            double cpu0 = cpuSeconds(gatewayPid);
            double jit0 = jitCpuSeconds(gatewayPid);
            Load.Result r = Load.closedLoop(atq, CONNECTIONS, round);
            double cpu = cpuSeconds(gatewayPid) - cpu0;
            share = cpu <= 0 ? 1 : (jitCpuSeconds(gatewayPid) - jit0) / cpu;
            System.out.printf("    gateway JIT compilers: %.0f %% of its CPU%n", share * 100);
            rounds.add(result(r).with("gateway_jit_share", share));
        } while (share >= JIT_IDLE_SHARE && System.nanoTime() < end);
        return new Fields().with("rounds", rounds).with("jit_idle", share < JIT_IDLE_SHARE);
    }

    /** Below this share of the gateway's CPU in its JIT compilers, the gateway counts as warm. */
    static final double JIT_IDLE_SHARE = 0.05;

    /**
     * The machine's RabbitMQ node (beam.smp), or -1: not one in a container (test brokers run next to the bench on
     * this machine, and their beam.smp processes are visible here too).
     */
    static long findBrokerPid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp")).orElse(false))
                .filter(p -> !inContainer(p.pid()))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    private static boolean inContainer(long pid) {
        try {
            String cgroup = Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"));
            return cgroup.contains("docker") || cgroup.contains("containerd");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** CPU used by the gateway, the broker and this client during one load run, in ms per successful request. */
    private record Cpu(long gatewayPid, long brokerPid, double[] start) {
        static Cpu start(long gatewayPid) {
            long broker = findBrokerPid();
            return new Cpu(gatewayPid, broker, new double[] {cpuSeconds(gatewayPid), cpuSeconds(broker),
                    cpuSeconds(ProcessHandle.current().pid()), jitCpuSeconds(), jitCpuSeconds(gatewayPid)});
        }

        Map<String, Object> perRequest(long requests) {
            double n = Math.max(1, requests);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gateway_cpu_ms_per_request", (cpuSeconds(gatewayPid) - start[0]) * 1000 / n);
            m.put("broker_cpu_ms_per_request", (cpuSeconds(brokerPid) - start[1]) * 1000 / n);
            m.put("client_cpu_ms_per_request", (cpuSeconds(ProcessHandle.current().pid()) - start[2]) * 1000 / n);
            m.put("client_jit_cpu_ms_per_request", (jitCpuSeconds() - start[3]) * 1000 / n);
            m.put("gateway_jit_cpu_ms_per_request", (jitCpuSeconds(gatewayPid) - start[4]) * 1000 / n);
            System.out.printf("    CPU per request: gateway %.2f ms (JIT %.2f), broker %.2f ms, load client %.2f ms (JIT %.2f)%n",
                    m.get("gateway_cpu_ms_per_request"), m.get("gateway_jit_cpu_ms_per_request"), m.get("broker_cpu_ms_per_request"),
                    m.get("client_cpu_ms_per_request"), m.get("client_jit_cpu_ms_per_request"));
            return m;
        }
    }

    /** The 1-minute load average (other builds share this machine: recorded next to every figure). */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1048576.0);
    }

    /** A small fluent map for the raw file. */
    private static final class Fields extends LinkedHashMap<String, Object> {
        Fields with(String key, Object value) {
            put(key, value);
            return this;
        }
    }

    private static Fields result(Load.Result r) {
        Fields f = new Fields();
        f.with("ok", r.ok()).with("failed", r.failed()).with("seconds", r.seconds()).with("rate_per_s", r.rate())
                .with("latency", r.latency().toMillis());
        if (!r.firstError().isEmpty()) {
            f.with("first_error", r.firstError());
        }
        System.out.printf("    %d ok, %d failed in %.1f s = %.0f/s; p50 %s p99 %s%s%n", r.ok(), r.failed(), r.seconds(), r.rate(),
                Row.ms(r.latency().p50Ms()), Row.ms(r.latency().p99Ms()), r.firstError().isEmpty() ? "" : " (first error: " + r.firstError() + ")");
        return f;
    }

    private static Map<String, Object> runMap(AtqRuns.Run run) {
        Map<String, Double> phases = new LinkedHashMap<>();
        run.phases().forEach((phase, nanos) -> phases.put(phase, nanos / 1e6));
        return new Fields().with("task", run.taskId()).with("terminal", run.terminal()).with("running_ms", run.runningNanos() / 1e6)
                .with("end_ms", run.endNanos() / 1e6).with("cleanup_after_end_ms", run.cleanedUpNanos() / 1e6)
                .with("phase_seen_ms", phases);
    }

    private static Map<String, Object> baselineMap(SwarmBaseline.Result b) {
        Map<String, Double> steps = new LinkedHashMap<>();
        b.steps().forEach((step, nanos) -> steps.put(step, nanos / 1e6));
        return new Fields().with("exit_code", b.exitCode()).with("running_ms", b.runningNanos() / 1e6)
                .with("done_ms", b.doneNanos() / 1e6).with("removed_ms", b.removedNanos() / 1e6).with("steps_ms", steps);
    }

    /**
     * A CLI pipeline's times; {@code startedNanos} is when it began after a batch's common start (0 alone), so
     * {@code verdict_from_start_ms} is its master's exit counted from that start.
     */
    private static Map<String, Object> cliMap(CliPipeline.Result c, long startedNanos) {
        Map<String, Double> steps = new LinkedHashMap<>();
        c.steps().forEach((step, nanos) -> steps.put(step, nanos / 1e6));
        return new Fields().with("task", c.task()).with("exit_code", c.exitCode()).with("running_ms", c.runningNanos() / 1e6)
                .with("done_ms", c.doneNanos() / 1e6).with("removed_ms", c.removedNanos() / 1e6)
                .with("started_ms", startedNanos / 1e6).with("verdict_from_start_ms", (startedNanos + c.doneNanos()) / 1e6)
                .with("docker_calls", c.dockerCalls()).with("steps_ms", steps);
    }

    private static String last(List<Long> nanos) {
        return Row.ms(nanos.isEmpty() ? 0 : nanos.getLast() / 1e6);
    }

    /**
     * CPU seconds used so far by this JVM's ended and waited-for children (the {@code docker} CLI processes of the
     * CLI pipelines): cutime and cstime, fields 16 and 17 of /proc/self/stat.
     */
    static double childCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The Docker engine's process (dockerd), or -1. */
    static long findDockerdPid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/dockerd")).orElse(false))
                .filter(p -> !inContainer(p.pid()))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    private void printTable() {
        String format = "%-42s | %-24s | %-24s | %-7s | %-16s | %-4s | %s%n";
        System.out.println();
        System.out.printf(format, "figure", "ATQ", "baseline (same run)", "ratio", "target", "met", "load");
        System.out.println("-".repeat(143));
        for (Row row : rows) {
            System.out.printf(format, row.figure(), row.atq(), row.baseline(),
                    row.ratio() == null ? "" : String.format("%.2fx", row.ratio()), row.target(),
                    row.met() == null ? "" : row.met() ? "yes" : "NO", String.format("%.2f", row.load()));
        }
    }
}
