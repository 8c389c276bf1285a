package com.chirpchat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.HdrHistogram.Histogram;

/**
 * Fanout steps and rate ladders: open-loop posts at a fixed rate, latency from the intended send time to receipt at
 * every member, deliveries per second, server CPU per delivery and the harness's own CPU.
 */
final class Fanout {
    /** A traffic shape: {@code chats} chats of {@code chatSize} users; message i goes to chat i % chats. */
    record Shape(String key, String title, int chats, int chatSize) {
        int chatOf(int message) {
            return message % chats;
        }

        /** Users of chat c are c*chatSize .. (c+1)*chatSize-1. */
        int firstMember(int chat) {
            return chat * chatSize;
        }
    }

    /** Something the fanout is measured against: its clients, its posting path and its server processes. */
    record Target(String key, String label, Receivers fleet, Function<Shape, OpenLoop.Sender> senders, List<Proc> procs) {
    }

    /** One measured step. Latencies in milliseconds. */
    record StepResult(String target, String shape, String phase, int repeat, double rate, int messages,
                      long expected, long delivered, long missing, long duplicates, long stale, int errors,
                      int behind, double maxLateMs, double p50, double p90, double p99, double p999, double max,
                      double mean, double deliveriesPerSec, double serverCpuSec, double serverCpuUtil,
                      double cpuMicrosPerDelivery, double harnessCpuUtil, double dbCpuUtil, double redisCpuUtil,
                      int closedByServer, String aborted, boolean pass, String why) {
        ObjectNode json() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("target", target).put("shape", shape).put("phase", phase).put("repeat", repeat)
                    .put("rate", Stats.round(rate)).put("messages", messages)
                    .put("deliveriesExpected", expected).put("delivered", delivered).put("missing", missing)
                    .put("duplicates", duplicates).put("staleFrames", stale).put("sendErrors", errors)
                    .put("sendsBehindSchedule", behind).put("maxSendLateMs", Stats.round(maxLateMs))
                    .put("p50Ms", Stats.round(p50)).put("p90Ms", Stats.round(p90)).put("p99Ms", Stats.round(p99))
                    .put("p999Ms", Stats.round(p999)).put("maxMs", Stats.round(max)).put("meanMs", Stats.round(mean))
                    .put("deliveriesPerSec", Stats.round(deliveriesPerSec))
                    .put("serverCpuSec", Stats.round(serverCpuSec)).put("serverCpuUtil", Stats.round(serverCpuUtil))
                    .put("serverCpuMicrosPerDelivery", Stats.round(cpuMicrosPerDelivery))
                    .put("harnessCpuUtil", Stats.round(harnessCpuUtil)).put("postgresCpuUtil", Stats.round(dbCpuUtil))
                    .put("redisCpuUtil", Stats.round(redisCpuUtil)).put("connectionsClosedByServer", closedByServer)
                    .put("pass", pass).put("why", why);
            if (aborted != null) {
                n.put("aborted", aborted);
            }
            return n;
        }

        String line() {
            return String.format("%-10s %-6s %-6s r%d %8.1f msg/s  p50 %7.2f p99 %8.2f p99.9 %8.2f max %8.2f ms  %9.0f deliv/s  "
                                         + "srv %.2f cpu %.1f µs/deliv  harness %.2f pg %.2f redis %.2f  missing %d dup %d err %d late %d%s  %s",
                                 target, shape, phase, repeat, rate, p50, p99, p999, max, deliveriesPerSec, serverCpuUtil,
                                 cpuMicrosPerDelivery, harnessCpuUtil, dbCpuUtil, redisCpuUtil, missing, duplicates, errors, behind,
                                 aborted == null ? "" : " ABORTED(" + aborted + ")", pass ? "PASS" : "FAIL " + why);
        }
    }

    /** Result of one ladder: its steps and the highest passing rate (NaN if none passed). */
    record Ladder(List<StepResult> steps, double maxRate, boolean hitCap) {
    }

    private static final java.util.Set<String> POSTGRES = java.util.Set.of("postgres");
    private static final java.util.Set<String> REDIS = java.util.Set.of("redis-server");

    private final Plan plan;
    private final Budget budget;
    private int nextStep = 1;
    private final long harnessPid = ProcessHandle.current().pid();

    Fanout(Plan plan, Budget budget) {
        this.plan = plan;
        this.budget = budget;
    }

    /** Unrecorded traffic at {@code rate} for {@code seconds}: JIT, pools, connections warm up. */
    void warmUp(Target target, Shape shape, double rate, double seconds) throws InterruptedException {
        StepResult r = step(target, shape, rate, "warmup", 0, seconds, 0.5);
        Log.info("warm-up " + r.line());
    }

    StepResult step(Target target, Shape shape, double rate, String phase, int repeat) throws InterruptedException {
        StepResult r = step(target, shape, rate, phase, repeat, plan.stepWarmSeconds(), plan.stepMeasureSeconds());
        Log.info(r.line());
        return r;
    }

    private StepResult step(Target target, Shape shape, double rate, String phase, int repeat, double warmSeconds,
                            double measureSeconds) throws InterruptedException {
        Receivers fleet = target.fleet();
        int reconnected = fleet.reconnectClosed();
        if (reconnected > 0) {
            Log.info(target.key() + ": reconnected " + reconnected + " clients closed by the server");
        }
        settle(fleet, target.procs());
        int closedBefore = fleet.closedByServer();
        int[] openMembers = new int[shape.chats()];
        for (int c = 0; c < shape.chats(); c++) {
            for (int u = shape.firstMember(c); u < shape.firstMember(c) + shape.chatSize(); u++) {
                if (fleet.isOpen(u)) {
                    openMembers[c]++;
                }
            }
        }
        int warm = (int) Math.round(rate * warmSeconds);
        int measured = Math.max(1, (int) Math.round(rate * measureSeconds));
        int total = warm + measured;
        StepMeter meter = new StepMeter(nextStep++, warm, total, new int[total], 2_000_000L);
        fleet.meter(meter);
        double[] start = new double[5]; // server cpu, harness cpu, wall, postgres cpu, redis cpu
        Runnable atMeasureStart = () -> {
            start[0] = serverCpu(target);
            start[1] = Proc.cpuSecondsOf(harnessPid);
            start[3] = Proc.cpuSecondsOfCommands(POSTGRES);
            start[4] = Proc.cpuSecondsOfCommands(REDIS);
            start[2] = System.nanoTime() / 1e9;
        };
        OpenLoop.Outcome out = OpenLoop.run(meter, rate, target.senders().apply(shape),
                                            i -> openMembers[shape.chatOf(i)], plan.maxInFlight(), plan.lateMillis(),
                                            warmSeconds + measureSeconds + 5, atMeasureStart);
        if (start[2] == 0) {
            atMeasureStart.run(); // aborted during the warm-up
        }
        // drain: wait for the deliveries still on their way, bounded
        long expected = meter.expectedMeasured();
        long drainEnd = System.nanoTime() + (long) (plan.drainSeconds() * 1e9);
        while (meter.measuredDeliveries() < expected && System.nanoTime() < drainEnd && out.aborted() == null) {
            Thread.sleep(10);
        }
        double lastDelivery = Math.max(meter.lastFrameNanos() / 1e9, start[2]);
        double serverCpu = serverCpu(target) - start[0];
        double harnessCpu = Proc.cpuSecondsOf(harnessPid) - start[1];
        double dbCpu = Proc.cpuSecondsOfCommands(POSTGRES) - start[3];
        double redisCpu = Proc.cpuSecondsOfCommands(REDIS) - start[4];
        double wall = Math.max(1e-3, System.nanoTime() / 1e9 - start[2]);
        Histogram h = meter.histogram();
        long[] md = meter.missingAndDuplicated();
        long delivered = meter.measuredDeliveries();
        double measureWindow = Math.max(measured / rate, lastDelivery - start[2]);
        double limit = plan.p99LimitMillis();
        double p99 = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
        List<String> why = new ArrayList<>();
        if (out.aborted() != null) {
            why.add("aborted");
        }
        if (!(p99 < limit)) {
            why.add("p99 ≥ " + (int) limit + " ms");
        }
        if (md[0] > 0) {
            why.add(md[0] + " deliveries missing");
        }
        if (md[1] > 0) {
            why.add(md[1] + " duplicated");
        }
        if (out.errors() > 0) {
            why.add(out.errors() + " send errors (" + out.firstError() + ")");
        }
        if (out.measuredBehind() > Math.max(1, 0.05 * measured)) {
            why.add(out.measuredBehind() + " sends behind schedule");
        }
        int closed = fleet.closedByServer() - closedBefore;
        if (closed > 0) {
            why.add(closed + " connections closed by the server");
        }
        fleet.meter(meter); // keep counting stragglers as stale until the next step
        return new StepResult(target.key(), shape.key(), phase, repeat, rate, measured, expected, delivered, md[0], md[1],
                              meter.staleFrames(), out.errors(), out.measuredBehind(), out.maxLateMillis(),
                              pct(h, 50), pct(h, 90), p99, pct(h, 99.9), h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0,
                              h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000.0,
                              delivered / measureWindow, serverCpu, serverCpu / wall,
                              delivered == 0 ? Double.NaN : serverCpu * 1e6 / delivered, harnessCpu / wall,
                              dbCpu / wall, redisCpu / wall, closed,
                              out.aborted(), why.isEmpty(), String.join(", ", why));
    }

    private static double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }

    private static double serverCpu(Target target) {
        double sum = 0;
        for (Proc p : target.procs()) {
            sum += p.cpuSeconds();
        }
        return sum;
    }

    /** Waits (bounded) until no frame has arrived for 300 ms and the servers are nearly idle. */
    private void settle(Receivers fleet, List<Proc> procs) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            double cpu0 = 0;
            for (Proc p : procs) {
                cpu0 += p.cpuSeconds();
            }
            Thread.sleep(300);
            double cpu1 = 0;
            for (Proc p : procs) {
                cpu1 += p.cpuSeconds();
            }
            boolean quietFrames = System.nanoTime() - fleet.lastFrameNanos() > 300_000_000L;
            boolean quietCpu = (cpu1 - cpu0) / 0.3 < 0.25;
            if (quietFrames && quietCpu) {
                return;
            }
        }
        Log.info(fleet.name() + ": still busy after 15 s of settling; going on");
    }

    /**
     * Doubles the rate from {@code start} until a step fails or {@code cap} is passed, then bisects (geometrically)
     * between the last passing and the first failing rate {@code plan.bisections()} times.
     */
    Ladder ladder(Target target, Shape shape, double start, double cap, int repeat) throws InterruptedException {
        List<StepResult> steps = new ArrayList<>();
        double pass = Double.NaN;
        double fail = Double.NaN;
        double rate = start;
        int maxSteps = 12;
        while (rate <= cap && steps.size() < maxSteps && budget.allows(stepSeconds())) {
            StepResult r = step(target, shape, rate, "ladder", repeat);
            steps.add(r);
            if (r.pass()) {
                pass = rate;
                rate *= 2;
            } else {
                fail = rate;
                break;
            }
        }
        boolean hitCap = Double.isNaN(fail) && !Double.isNaN(pass) && pass * 2 > cap;
        for (int b = 0; b < plan.bisections() && !Double.isNaN(pass) && !Double.isNaN(fail)
                && budget.allows(stepSeconds()); b++) {
            double mid = roundRate(Math.sqrt(pass * fail));
            if (mid <= pass || mid >= fail) {
                break;
            }
            StepResult r = step(target, shape, mid, "ladder", repeat);
            steps.add(r);
            if (r.pass()) {
                pass = mid;
            } else {
                fail = mid;
            }
        }
        Log.info(String.format("ladder %s %s repeat %d: max rate with p99 < %.0f ms = %s msg/s%s", target.key(), shape.key(),
                               repeat, plan.p99LimitMillis(), Double.isNaN(pass) ? "none" : String.format("%.1f", pass),
                               hitCap ? " (ladder cap reached)" : ""));
        return new Ladder(steps, pass, hitCap);
    }

    double stepSeconds() {
        return plan.stepWarmSeconds() + plan.stepMeasureSeconds() + plan.drainSeconds() + 2;
    }

    /** Rates with three significant digits, so repeated ladders meet on the same rates. */
    static double roundRate(double r) {
        double scale = Math.pow(10, Math.floor(Math.log10(r)) - 2);
        return Math.round(r / scale) * scale;
    }
}
