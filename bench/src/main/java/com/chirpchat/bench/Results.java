package com.chirpchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Everything measured in one run, and its three forms: results.json, results.md and the PNG charts. */
final class Results {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final double TARGET_RATIO = 0.7;
    static final double TARGET_HALF_P99 = 50;
    static final double TARGET_CROSS = 1.5;
    /** Issue 16: small chats' max msg/s at least pgbench's rate of the single-post transaction (stretch: 2×). */
    static final double TARGET_OVER_PGBENCH = 1.0;
    static final double TARGET_KB = 50;
    static final int TARGET_IDLE = 15_000;

    private final Plan plan;
    private final Path dir;
    private final ObjectNode meta = JSON.createObjectNode();
    private final ObjectNode servers = JSON.createObjectNode();
    private final Map<String, String> sectionErrors = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Fanout.Ladder>>> ladders = new LinkedHashMap<>();
    private final Map<String, List<Fanout.StepResult>> half = new LinkedHashMap<>();
    private final Map<String, List<Fanout.StepResult>> cross = new LinkedHashMap<>();
    private final Map<String, Double> halfRates = new LinkedHashMap<>();
    private final Map<String, List<HttpBench.Run>> http = new LinkedHashMap<>();
    private final List<PgBench.Run> pgbench = new ArrayList<>();
    private List<HttpBench.Endpoint> endpoints = List.of();
    private ObjectNode idle;

    Results(Plan plan, Path dir) {
        this.plan = plan;
        this.dir = dir;
    }

    ObjectNode meta() {
        return meta;
    }

    ObjectNode servers() {
        return servers;
    }

    ObjectNode json(Map<String, ?> map) {
        return JSON.valueToTree(map);
    }

    List<Fanout.Ladder> ladders(String shape, String target) {
        return ladders.computeIfAbsent(shape, s -> new LinkedHashMap<>()).computeIfAbsent(target, t -> new ArrayList<>());
    }

    /** The ladders of a target, without creating an entry. */
    List<Fanout.Ladder> laddersOf(String shape, String target) {
        return ladders.getOrDefault(shape, Map.of()).getOrDefault(target, List.of());
    }

    List<HttpBench.Run> httpOf(String endpoint) {
        return http.getOrDefault(endpoint, List.of());
    }

    List<Fanout.StepResult> half(String shape) {
        return half.computeIfAbsent(shape, s -> new ArrayList<>());
    }

    List<Fanout.StepResult> cross(String shape) {
        return cross.computeIfAbsent(shape, s -> new ArrayList<>());
    }

    List<PgBench.Run> pgbench() {
        return pgbench;
    }

    /** pgbench's messages per second of a script (post: one per transaction; batch: {@link PgBench#BATCH}). */
    Stats pgbenchRate(String script) {
        return Stats.of(pgbench.stream().filter(r -> r.script().equals(script)).map(PgBench.Run::messagesPerSec).toList());
    }

    /** ChirpChat's max msg/s of a shape ÷ pgbench's msg/s of a script, repeat by repeat. */
    Stats overPgbench(String shape, String script) {
        List<Double> c = maxRates(shape, "chirpchat");
        List<Double> p = pgbench.stream().filter(r -> r.script().equals(script)).map(PgBench.Run::messagesPerSec).toList();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(c.size(), p.size()); i++) {
            out.add(c.get(i) / p.get(i));
        }
        return Stats.of(out);
    }

    List<HttpBench.Run> http(String endpoint) {
        return http.computeIfAbsent(endpoint, s -> new ArrayList<>());
    }

    void httpEndpoints(List<HttpBench.Endpoint> list) {
        endpoints = list;
    }

    void idle(ObjectNode node) {
        idle = node;
    }

    void fail(String section, String error) {
        sectionErrors.put(section, "failed: " + error);
    }

    void skip(String section, String reason) {
        sectionErrors.put(section, "skipped: " + reason);
    }

    /** Max rates (msg/s, p99 < limit) of each ladder of a target. */
    List<Double> maxRates(String shape, String target) {
        return laddersOf(shape, target).stream().map(Fanout.Ladder::maxRate).toList();
    }

    /** Half of ChirpChat's median max rate (fixed once first asked, so every section uses the same rate). */
    double halfRate(String shape, double start) {
        return halfRates.computeIfAbsent(shape, s -> {
            String forced = System.getProperty("bench.rate." + shape); // a debugging aid: -Dbench.rate.small=400
            if (forced != null) {
                return Double.parseDouble(forced);
            }
            Stats max = Stats.of(maxRates(shape, "chirpchat"));
            return Fanout.roundRate(max.present() ? max.median() / 2 : start / 2);
        });
    }

    // ------------------------------------------------------------------------------------------------ output

    synchronized void write() {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.json"), JSON.writeValueAsString(toJson()));
            List<String> charts = Charts.write(this, dir);
            Files.writeString(dir.resolve("results.md"), markdown(charts));
        } catch (IOException | RuntimeException e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            Log.info("could not write results: " + trace);
        }
    }

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.set("meta", meta);
        root.set("servers", servers);
        root.set("targets", targetsJson());
        ObjectNode fanout = root.putObject("fanout");
        ladders.forEach((shape, byTarget) -> {
            ObjectNode s = fanout.putObject(shape);
            byTarget.forEach((target, list) -> {
                ObjectNode t = s.putObject(target);
                t.set("maxRate", Stats.of(maxRates(shape, target)).json());
                t.put("ladderCapReached", list.stream().anyMatch(Fanout.Ladder::hitCap));
                ArrayNode ls = t.putArray("ladders");
                for (Fanout.Ladder l : list) {
                    ObjectNode ln = ls.addObject();
                    ln.put("maxRate", l.maxRate()).put("hitCap", l.hitCap());
                    ArrayNode steps = ln.putArray("steps");
                    l.steps().forEach(st -> steps.add(st.json()));
                }
            });
            s.set("chirpchatOverBare", ratioStats(shape).json());
            if (halfRates.containsKey(shape)) {
                ObjectNode h = s.putObject("halfRate");
                h.put("rate", halfRates.get(shape));
                ArrayNode steps = h.putArray("steps");
                half(shape).forEach(st -> steps.add(st.json()));
                h.set("chirpchatP99", stat(half(shape), "chirpchat", Fanout.StepResult::p99).json());
                h.set("bareP99", stat(half(shape), "bare", Fanout.StepResult::p99).json());
                h.set("addedP50Ms", paired(half(shape), "chirpchat", "bare", Fanout.StepResult::p50, (x, y) -> x - y).json());
                h.set("addedP99Ms", paired(half(shape), "chirpchat", "bare", Fanout.StepResult::p99, (x, y) -> x - y).json());
            }
        });
        if (!pgbench.isEmpty()) {
            ObjectNode pg = root.putObject("pgbench");
            for (String script : List.of("post", "batch")) {
                ObjectNode sc = pg.putObject(script);
                sc.set("messagesPerSec", pgbenchRate(script).json());
                sc.set("p99Ms", Stats.of(pgbench.stream().filter(r -> r.script().equals(script)).map(PgBench.Run::p99Ms).toList()).json());
                ArrayNode runs = sc.putArray("runs");
                pgbench.stream().filter(r -> r.script().equals(script)).forEach(r -> runs.add(JSON.valueToTree(r)));
                for (String shape : ladders.keySet()) {
                    sc.set("chirpchatOverPgbench_" + shape, overPgbench(shape, script).json());
                }
            }
        }
        ObjectNode x = root.putObject("cross");
        cross.forEach((shape, list) -> {
            ObjectNode s = x.putObject(shape);
            s.put("rate", halfRates.getOrDefault(shape, Double.NaN));
            ArrayNode steps = s.putArray("steps");
            list.forEach(st -> steps.add(st.json()));
            s.set("crossOverSingleP99", crossRatio(shape).json());
            s.set("crossSpreadOverSingleP99", crossSpreadRatio(shape).json());
            s.set("crossMinusRedisP99Ms", paired(list, "cross", "redis", Fanout.StepResult::p99, (a, b) -> a - b).json());
            s.set("crossMinusRedisP50Ms", paired(list, "cross", "redis", Fanout.StepResult::p50, (a, b) -> a - b).json());
        });
        ObjectNode h = root.putObject("http");
        http.forEach((endpoint, runs) -> {
            ObjectNode e = h.putObject(endpoint);
            e.set("requestsPerSec", Stats.of(runs.stream().map(HttpBench.Run::requestsPerSec).toList()).json());
            e.set("p99Ms", Stats.of(runs.stream().map(HttpBench.Run::p99Ms).toList()).json());
            ArrayNode rs = e.putArray("runs");
            runs.forEach(r -> rs.add(r.json()));
        });
        if (idle != null) {
            root.set("idle", idle);
        }
        if (!sectionErrors.isEmpty()) {
            root.set("sectionErrors", JSON.valueToTree(sectionErrors));
        }
        return root;
    }

    // ------------------------------------------------------------------------------------------------ derived

    Stats ratioStats(String shape) {
        List<Double> c = maxRates(shape, "chirpchat");
        List<Double> b = maxRates(shape, "bare");
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(c.size(), b.size()); i++) {
            r.add(c.get(i) / b.get(i));
        }
        return Stats.of(r);
    }

    /** The lowest failing step of each ladder of a target: what stopped it. */
    List<Fanout.StepResult> firstFailures(String shape, String target) {
        List<Fanout.StepResult> out = new ArrayList<>();
        for (Fanout.Ladder l : laddersOf(shape, target)) {
            l.steps().stream().filter(st -> !st.pass()).min(java.util.Comparator.comparingDouble(Fanout.StepResult::rate))
                    .ifPresent(out::add);
        }
        return out;
    }

    /** True when most ladders of the target failed first at a step where the harness's CPU was saturated. */
    boolean clientBound(String shape, String target) {
        List<Fanout.StepResult> f = firstFailures(shape, target);
        return !f.isEmpty() && f.stream().filter(st -> st.harnessCpuUtil() >= 0.9).count() * 2 > f.size();
    }

    /** What limited the target: CPU of harness, server and PostgreSQL at the first failing steps. */
    String limitText(String shape, String target) {
        List<Fanout.StepResult> f = firstFailures(shape, target);
        if (f.isEmpty()) {
            return laddersOf(shape, target).isEmpty() ? "n/a" : "no step failed (ladder cap)";
        }
        double h = Stats.of(f.stream().map(Fanout.StepResult::harnessCpuUtil).toList()).median();
        double srv = Stats.of(f.stream().map(Fanout.StepResult::serverCpuUtil).toList()).median();
        double db = Stats.of(f.stream().map(Fanout.StepResult::dbCpuUtil).toList()).median();
        String verdict = h >= 0.9 ? "client-bound (harness CPU saturated)"
                : srv >= 0.9 ? "server CPU-bound"
                : "neither harness nor server CPU saturated";
        double redis = Stats.of(f.stream().map(Fanout.StepResult::redisCpuUtil).toList()).median();
        return String.format("%s at %s msg/s: harness CPU %.2f, server CPU %.2f, PostgreSQL CPU %.2f (together with Redis "
                                     + "%.2f of the machine's %s cores) — %s", f.get(0).why(), fmt(f.get(0).rate()), h, srv, db,
                             h + srv + db + redis, meta.path("machineCpus").asText("?"), verdict);
    }

    boolean bareHitCap(String shape) {
        return laddersOf(shape, "bare").stream().anyMatch(Fanout.Ladder::hitCap);
    }

    Stats crossRatio(String shape) {
        return paired(cross(shape), "cross", "chirpchat", Fanout.StepResult::p99, (a, b) -> a / b);
    }

    /** The pair with one core per instance ÷ the single instance (same repeat). */
    Stats crossSpreadRatio(String shape) {
        return paired(cross(shape), "cross-spread", "chirpchat", Fanout.StepResult::p99, (a, b) -> a / b);
    }

    static Stats stat(List<Fanout.StepResult> steps, String target, ToDoubleFunction<Fanout.StepResult> f) {
        return Stats.of(steps.stream().filter(s -> s.target().equals(target)).map(s -> f.applyAsDouble(s)).toList());
    }

    /** f(a, b) of the steps of targets a and b with the same repeat number. */
    static Stats paired(List<Fanout.StepResult> steps, String a, String b, ToDoubleFunction<Fanout.StepResult> value,
                        java.util.function.DoubleBinaryOperator f) {
        Map<Integer, Double> av = new TreeMap<>();
        Map<Integer, Double> bv = new TreeMap<>();
        for (Fanout.StepResult s : steps) {
            if (s.target().equals(a)) {
                av.put(s.repeat(), value.applyAsDouble(s));
            } else if (s.target().equals(b)) {
                bv.put(s.repeat(), value.applyAsDouble(s));
            }
        }
        List<Double> out = new ArrayList<>();
        av.forEach((r, v) -> {
            if (bv.containsKey(r)) {
                out.add(f.applyAsDouble(v, bv.get(r)));
            }
        });
        return Stats.of(out);
    }

    /** Per shape, target and rate: the ladder steps at that rate over all repeats. */
    Map<Double, List<Fanout.StepResult>> stepsByRate(String shape, String target) {
        Map<Double, List<Fanout.StepResult>> byRate = new TreeMap<>();
        for (Fanout.Ladder l : laddersOf(shape, target)) {
            for (Fanout.StepResult s : l.steps()) {
                byRate.computeIfAbsent(s.rate(), r -> new ArrayList<>()).add(s);
            }
        }
        return byRate;
    }

    Map<String, Map<String, List<Fanout.Ladder>>> ladders() {
        return ladders;
    }

    Map<String, List<HttpBench.Run>> http() {
        return http;
    }

    List<HttpBench.Endpoint> endpoints() {
        return endpoints;
    }

    Map<String, List<Fanout.StepResult>> crossAll() {
        return cross;
    }

    ObjectNode idleNode() {
        return idle;
    }

    // ------------------------------------------------------------------------------------------------ targets

    record Target(String what, String result, Boolean met) {
    }

    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        for (String shape : ladders.keySet()) {
            Stats r = ratioStats(shape);
            String note = bareHitCap(shape) ? " (bare reached the ladder cap: ratio is an upper bound)"
                    : clientBound(shape, "bare") ? " (bare was client-bound: its max is a lower bound and this ratio an upper bound)"
                    : "";
            // an upper bound below the target is a clear miss; at or above it, a client-bound bare says nothing
            boolean upperBound = bareHitCap(shape) || clientBound(shape, "bare");
            Boolean met = !r.present() ? null : r.median() < TARGET_RATIO ? Boolean.FALSE : upperBound ? null : Boolean.TRUE;
            t.add(new Target("ChirpChat ÷ bare fanout throughput at equal p99 (< " + (int) plan.p99LimitMillis() + " ms), "
                                     + shape + " ≥ " + TARGET_RATIO,
                             r.text(2) + note + (met == null && r.present() ? " — inconclusive" : ""), met));
        }
        if (!pgbench.isEmpty() && ladders.containsKey("small")) {
            Stats over = overPgbench("small", "post");
            t.add(new Target("small chats: ChirpChat max msg/s ÷ pgbench's single-post transactions/s ≥ " + TARGET_OVER_PGBENCH
                                     + " (stretch ≥ 2)",
                             Stats.of(maxRates("small", "chirpchat")).text(0) + " ÷ " + pgbenchRate("post").text(0) + " = "
                                     + over.text(2) + "; ÷ pgbench batch of " + PgBench.BATCH + " (msg/s) "
                                     + overPgbench("small", "batch").text(2),
                             over.present() ? over.median() >= TARGET_OVER_PGBENCH : null));
        }
        for (String shape : half.keySet()) {
            Stats p = stat(half(shape), "chirpchat", Fanout.StepResult::p99);
            t.add(new Target("p99 at half the max rate (" + fmt(halfRates.get(shape)) + " msg/s), " + shape + " ≤ "
                                     + (int) TARGET_HALF_P99 + " ms",
                             p.text(1) + " ms", p.present() ? p.median() <= TARGET_HALF_P99 : null));
        }
        for (String shape : cross.keySet()) {
            Stats c = crossRatio(shape);
            t.add(new Target("cross-instance p99 ÷ single-instance p99, " + shape + " ≤ " + TARGET_CROSS + "×",
                             c.text(2) + "×", c.present() ? c.median() <= TARGET_CROSS : null));
            Stats spread = crossSpreadRatio(shape);
            if (spread.present()) {
                t.add(new Target("same, one core per instance (B2 on the harness's CPU), " + shape + " ≤ " + TARGET_CROSS + "×",
                                 spread.text(2) + "×", spread.median() <= TARGET_CROSS));
            }
        }
        if (idle != null) {
            double kib = idle.path("rssKibPerConnection").asDouble(Double.NaN);
            double kb = kib * 1.024;
            t.add(new Target("resident memory per idle connection ≤ " + (int) TARGET_KB + " KB",
                             String.format("%.1f KB RSS (%.1f KB live heap)", kb, idle.path("heapKibPerConnection").asDouble() * 1.024),
                             Double.isNaN(kb) ? null : kb <= TARGET_KB));
            int reached = idle.path("reached").asInt();
            int asked = idle.path("target").asInt();
            t.add(new Target("idle connections in one instance ≥ " + TARGET_IDLE,
                             reached + " (asked for " + asked + (asked < TARGET_IDLE ? ": a quick run does not try for the target" : "") + ")",
                             reached >= TARGET_IDLE ? Boolean.TRUE : asked < TARGET_IDLE && reached >= asked ? null : Boolean.FALSE));
        }
        return t;
    }

    private ArrayNode targetsJson() {
        ArrayNode a = JSON.createArrayNode();
        for (Target t : targets()) {
            ObjectNode n = a.addObject().put("target", t.what()).put("result", t.result());
            if (t.met() == null) {
                n.putNull("met");
            } else {
                n.put("met", t.met());
            }
        }
        return a;
    }

    // ------------------------------------------------------------------------------------------------ markdown

    private String markdown(List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# ChirpChat benchmark results\n\n");
        md.append(plan.quick() ? "**Quick run** (`./chirpchat bench --quick`: short steps, 1 repeat) — a check of the harness, not numbers to publish.\n\n"
                          : "Full run (`./chirpchat bench`).\n\n");
        md.append("| | |\n|---|---|\n");
        for (String k : List.of("runId", "started", "durationSeconds", "cpuModel", "machineCpus", "kernel", "jdk", "serverHeap",
                                "serverGc", "wsClients", "sections", "postgres", "wrk", "openFileLimit", "wsQueueSize", "chirpchatFrameOverheadChars",
                                "liveCounters", "crossLiveCounters")) {
            if (meta.has(k)) {
                md.append("| ").append(k).append(" | ").append(meta.get(k).asText()).append(" |\n");
            }
        }
        md.append("| pinning | every server under test on CPU 0 (`taskset -c 0`); harness, its WebSocket clients and wrk on CPU 1 (`taskset -c 1`); PostgreSQL and Redis unpinned |\n");
        md.append("\nMedians over repeats, spread (min–max) in parentheses. Latencies in ms, measured from each message's "
                          + "intended (scheduled) send time to its receipt.\n\n");
        if (!sectionErrors.isEmpty()) {
            md.append("**Sections not completed:** ");
            sectionErrors.forEach((k, v) -> md.append(k).append(" — ").append(v).append("; "));
            md.append("\n\n");
        }

        md.append("## Targets\n\n| target | result | met? |\n|---|---|---|\n");
        for (Target t : targets()) {
            md.append("| ").append(t.what()).append(" | ").append(t.result()).append(" | ")
                    .append(t.met() == null ? "n/a" : t.met() ? "met" : "**not met**").append(" |\n");
        }

        md.append("\n## 0. pgbench: the database's own rate for a durable post\n\n");
        if (pgbench.isEmpty()) {
            md.append("not measured\n");
        } else {
            md.append("pgbench ").append(PgBench.CLIENTS).append(" clients, prepared statements, pinned to CPU ")
                    .append(Bench.HARNESS_CPU).append(", chats picked at random among 100, on a fresh database with "
                            + "ChirpChat's tables; `synchronous_commit` on. *post* = ChirpChat's transaction for one post "
                            + "(lock the chat row, read the membership, insert message and event, bump the seq, commit); "
                            + "*batch* = the same for ").append(PgBench.BATCH).append(" posts (multi-row inserts, one bump, "
                            + "one commit). Scripts and outputs: `raw/pgbench/`.\n\n");
            md.append("| script | transactions/s | messages/s | p50 ms | p99 ms |\n|---|---|---|---|---|\n");
            for (String script : List.of("post", "batch")) {
                List<PgBench.Run> runs = pgbench.stream().filter(r -> r.script().equals(script)).toList();
                md.append("| ").append(script).append(" | ").append(Stats.of(runs.stream().map(PgBench.Run::tps).toList()).text(0))
                        .append(" | ").append(pgbenchRate(script).text(0)).append(" | ")
                        .append(Stats.of(runs.stream().map(PgBench.Run::p50Ms).toList()).text(2)).append(" | ")
                        .append(Stats.of(runs.stream().map(PgBench.Run::p99Ms).toList()).text(2)).append(" |\n");
            }
        }

        md.append("\n## 1 & 3a. Fanout: ChirpChat (one instance) vs bare Helidon WebSocket broadcast\n\n");
        md.append("Max rate = highest message rate whose step passed (p99 < ").append((int) plan.p99LimitMillis())
                .append(" ms, no missing or duplicated delivery, sender on schedule).\n\n");
        md.append("| shape | ChirpChat max msg/s | bare max msg/s | ChirpChat ÷ bare | ChirpChat ÷ pgbench post | ChirpChat ÷ pgbench batch | ChirpChat deliveries/s at max | bare deliveries/s at max |\n|---|---|---|---|---|---|---|---|\n");
        for (String shape : ladders.keySet()) {
            Stats c = Stats.of(maxRates(shape, "chirpchat"));
            Stats b = Stats.of(maxRates(shape, "bare"));
            md.append("| ").append(shape).append(" | ").append(c.text(1)).append(" | ").append(b.text(1))
                    .append(bareHitCap(shape) ? " (cap)" : "").append(" | ").append(ratioStats(shape).text(2)).append(" | ")
                    .append(overPgbench(shape, "post").text(2)).append(" | ").append(overPgbench(shape, "batch").text(2)).append(" | ")
                    .append(deliveriesAtMax(shape, "chirpchat")).append(" | ").append(deliveriesAtMax(shape, "bare")).append(" |\n");
        }
        md.append("\nWhat stopped each ladder (first failing step; medians of the CPU utilisations, 1.00 = one core):\n\n");
        for (String shape : ladders.keySet()) {
            for (String target : ladders.get(shape).keySet()) {
                md.append("- ").append(shape).append(", ").append(target).append(": ").append(limitText(shape, target)).append("\n");
            }
        }
        for (String shape : half.keySet()) {
            md.append("\n**At half of ChirpChat's max rate, ").append(shape).append(" chats: ").append(fmt(halfRates.get(shape)))
                    .append(" msg/s**\n\n");
            md.append(stepTableHeader());
            for (String target : List.of("chirpchat", "bare")) {
                md.append(stepRow(target, half(shape).stream().filter(s -> s.target().equals(target)).toList()));
            }
            md.append("\nChirpChat adds over bare at this rate: p50 ")
                    .append(paired(half(shape), "chirpchat", "bare", Fanout.StepResult::p50, (x, y) -> x - y).text(2))
                    .append(" ms, p99 ")
                    .append(paired(half(shape), "chirpchat", "bare", Fanout.StepResult::p99, (x, y) -> x - y).text(2))
                    .append(" ms.\n");
        }
        md.append("\n### Ladder steps\n\nEvery rate tried (medians over the repeats that reached it).\n");
        for (String shape : ladders.keySet()) {
            for (String target : ladders.get(shape).keySet()) {
                md.append("\n").append(shape).append(" — ").append(target).append("\n\n");
                md.append(stepTableHeader().replace("| target |", "| rate msg/s |").replace("|---|", "|---|"));
                stepsByRate(shape, target).forEach((rate, steps) -> md.append(stepRow(fmt(rate), steps)));
            }
        }

        md.append("\n## 2 & 3b. Across instances (two ChirpChat instances via Redis) and the raw Redis loop\n\n");
        md.append("Both instances pinned to CPU 0 like the single one (the same CPU budget for the servers), clients split "
                          + "between them (user u on instance u mod 2, so every chat spans both), posts alternating between "
                          + "them. Single = instance A of section 1 (in-process fanout) at the same rate, measured in the "
                          + "same repeat. Redis loop = lettuce PUBLISH → SUBSCRIBE in the harness at the same message rate.\n\n");
        md.append("*cross-spread* is the same pair with one core per instance: B1 on CPU 0, B2 on CPU ").append(Bench.HARNESS_CPU)
                .append(" (shared with the harness: on 2 cores there is no third), measured at the same rate in its own "
                        + "repeats after the shared-core pair.\n\n");
        md.append("| shape | rate msg/s | single p50 / p99 | cross p50 / p99 | cross ÷ single p99 | cross-spread p50 / p99 | cross-spread ÷ single p99 | Redis loop p50 / p99 | cross − Redis p99 |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String shape : cross.keySet()) {
            List<Fanout.StepResult> l = cross(shape);
            md.append("| ").append(shape).append(" | ").append(fmt(halfRates.getOrDefault(shape, Double.NaN))).append(" | ")
                    .append(stat(l, "chirpchat", Fanout.StepResult::p50).text(2)).append(" / ")
                    .append(stat(l, "chirpchat", Fanout.StepResult::p99).text(2)).append(" | ")
                    .append(stat(l, "cross", Fanout.StepResult::p50).text(2)).append(" / ")
                    .append(stat(l, "cross", Fanout.StepResult::p99).text(2)).append(" | ")
                    .append(crossRatio(shape).text(2)).append(" | ")
                    .append(stat(l, "cross-spread", Fanout.StepResult::p50).text(2)).append(" / ")
                    .append(stat(l, "cross-spread", Fanout.StepResult::p99).text(2)).append(" | ")
                    .append(crossSpreadRatio(shape).text(2)).append(" | ")
                    .append(stat(l, "redis", Fanout.StepResult::p50).text(3)).append(" / ")
                    .append(stat(l, "redis", Fanout.StepResult::p99).text(3)).append(" | ")
                    .append(paired(l, "cross", "redis", Fanout.StepResult::p99, (a, b) -> a - b).text(2)).append(" |\n");
        }
        for (String shape : cross.keySet()) {
            md.append("\n").append(shape).append(" chats, all steps\n\n").append(stepTableHeader());
            for (String target : List.of("chirpchat", "cross", "cross-spread", "redis")) {
                md.append(stepRow(target, cross(shape).stream().filter(s -> s.target().equals(target)).toList()));
            }
        }

        md.append("\n## 4. Idle connections (one instance)\n\n");
        if (idle == null) {
            md.append("not measured\n");
        } else {
            md.append("| connections | stop | live heap after GC at 0 → N | per connection | RSS at 0 → N | per connection | server open files | server CPU while all idle |\n|---|---|---|---|---|---|---|---|\n");
            md.append(String.format("| %d (server counted %.0f; asked %d: %d users × %d) | %s | %.1f → %.1f MiB | %.2f KiB | %.1f → %.1f MiB | %.2f KiB | %d → %d | %.3f cores |\n",
                                    idle.path("reached").asInt(), idle.path("serverReportedConnections").asDouble(),
                                    idle.path("target").asInt(), idle.path("users").asInt(), idle.path("connectionsPerUser").asInt(),
                                    idle.path("stopReason").asText(),
                                    idle.path("heapKibAt0").asDouble() / 1024, idle.path("heapKibAtN").asDouble() / 1024,
                                    idle.path("heapKibPerConnection").asDouble(),
                                    idle.path("rssKibAt0").asDouble() / 1024, idle.path("rssKibAtN").asDouble() / 1024,
                                    idle.path("rssKibPerConnection").asDouble(),
                                    idle.path("serverOpenFilesAt0").asLong(), idle.path("serverOpenFilesAtN").asLong(),
                                    idle.path("idleServerCores").asDouble(Double.NaN)));
        }

        md.append("\n## 5. HTTP (wrk -t1 -c32, ").append(plan.httpSeconds()).append(" s per run)\n\n");
        md.append("| endpoint | requests/s | ÷ hello | p50 ms | p99 ms | server CPU µs/request | non-2xx | socket errors |\n|---|---|---|---|---|---|---|---|\n");
        Stats hello = Stats.of(httpOf("hello").stream().map(HttpBench.Run::requestsPerSec).toList());
        for (HttpBench.Endpoint e : endpoints) {
            List<HttpBench.Run> runs = httpOf(e.key());
            Stats rps = Stats.of(runs.stream().map(HttpBench.Run::requestsPerSec).toList());
            md.append("| ").append(e.title()).append(" | ").append(rps.text(0)).append(" | ")
                    .append(hello.present() && rps.present() ? String.format("%.2f", rps.median() / hello.median()) : "n/a").append(" | ")
                    .append(Stats.of(runs.stream().map(HttpBench.Run::p50Ms).toList()).text(2)).append(" | ")
                    .append(Stats.of(runs.stream().map(HttpBench.Run::p99Ms).toList()).text(2)).append(" | ")
                    .append(Stats.of(runs.stream().map(HttpBench.Run::cpuMicrosPerRequest).toList()).text(0)).append(" | ")
                    .append(runs.stream().mapToLong(HttpBench.Run::non2xx).sum()).append(" | ")
                    .append(runs.stream().mapToLong(HttpBench.Run::socketErrors).sum()).append(" |\n");
        }
        md.append("\nwrk is closed-loop (32 connections, each sends when the previous answer arrived): its latencies "
                          + "suffer from coordinated omission and describe the server at saturation, not at a fixed rate.\n");

        md.append("\n## Charts\n\n");
        for (String c : charts) {
            md.append("![").append(c).append("](").append(c).append(")\n\n");
        }
        md.append("All numbers, every step and run: `results.json`. Server and harness logs: `raw/`.\n");
        return md.toString();
    }

    private String deliveriesAtMax(String shape, String target) {
        List<Double> d = new ArrayList<>();
        for (Fanout.Ladder l : laddersOf(shape, target)) {
            l.steps().stream().filter(s -> s.rate() == l.maxRate() && s.pass()).findFirst()
                    .ifPresent(s -> d.add(s.deliveriesPerSec()));
        }
        return Stats.of(d).text(0);
    }

    private static String stepTableHeader() {
        return "| target | p50 | p99 | p99.9 | max | deliveries/s | server CPU | server µs/delivery | harness CPU | PostgreSQL CPU | missing / dup / late sends | pass |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    }

    private static String stepRow(String label, List<Fanout.StepResult> steps) {
        if (steps.isEmpty()) {
            return "";
        }
        Function<ToDoubleFunction<Fanout.StepResult>, Stats> s = f -> Stats.of(steps.stream().map(x -> f.applyAsDouble(x)).toList());
        long passed = steps.stream().filter(Fanout.StepResult::pass).count();
        String why = steps.stream().filter(x -> !x.pass()).map(Fanout.StepResult::why).findFirst().map(w -> " (" + w + ")").orElse("");
        return "| " + label + " | " + s.apply(Fanout.StepResult::p50).text(2) + " | " + s.apply(Fanout.StepResult::p99).text(2)
                + " | " + s.apply(Fanout.StepResult::p999).text(2) + " | " + s.apply(Fanout.StepResult::max).text(1) + " | "
                + s.apply(Fanout.StepResult::deliveriesPerSec).text(0) + " | " + s.apply(Fanout.StepResult::serverCpuUtil).text(2)
                + " | " + s.apply(Fanout.StepResult::cpuMicrosPerDelivery).text(1) + " | "
                + s.apply(Fanout.StepResult::harnessCpuUtil).text(2) + " | "
                + s.apply(Fanout.StepResult::dbCpuUtil).text(2) + " | "
                + steps.stream().mapToLong(Fanout.StepResult::missing).sum() + " / "
                + steps.stream().mapToLong(Fanout.StepResult::duplicates).sum() + " / "
                + steps.stream().mapToLong(Fanout.StepResult::behind).sum() + " | "
                + passed + "/" + steps.size() + why + " |\n";
    }

    static String fmt(Double rate) {
        if (rate == null || rate.isNaN()) {
            return "n/a";
        }
        return rate == Math.rint(rate) ? String.format("%.0f", rate) : String.format("%.1f", rate);
    }

    static JsonNode tree(Object o) {
        return JSON.valueToTree(o);
    }
}
