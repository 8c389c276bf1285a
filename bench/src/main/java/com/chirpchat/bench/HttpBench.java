package com.chirpchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * HTTP throughput with wrk ({@code wrk -t1 -c32 -dNs --latency}), pinned to CPU 1 while the server is on CPU 0.
 * POSTs use a Lua script that sets the method, the JSON body and the Authorization header. wrk is closed-loop:
 * its latencies are those of the requests it managed to send (coordinated omission), so p99 here describes the
 * server at saturation, not at a fixed rate.
 */
final class HttpBench {
    /** One endpoint under wrk. */
    record Endpoint(String key, String title, String url, String script, Proc server) {
    }

    record Run(String endpoint, int repeat, double requestsPerSec, double p50Ms, double p99Ms, double maxMs,
               long requests, long non2xx, long socketErrors, double serverCpuUtil, double cpuMicrosPerRequest) {
        ObjectNode json() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("endpoint", endpoint).put("repeat", repeat).put("requestsPerSec", Stats.round(requestsPerSec))
                    .put("p50Ms", Stats.round(p50Ms)).put("p99Ms", Stats.round(p99Ms)).put("maxMs", Stats.round(maxMs))
                    .put("requests", requests).put("non2xx", non2xx).put("socketErrors", socketErrors)
                    .put("serverCpuUtil", Stats.round(serverCpuUtil))
                    .put("serverCpuMicrosPerRequest", Stats.round(cpuMicrosPerRequest));
            return n;
        }
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PCT = Pattern.compile("^\\s*(50|75|90|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$",
                                                       Pattern.MULTILINE);
    private static final Pattern MAX = Pattern.compile("Latency\\s+[0-9.]+\\w+\\s+[0-9.]+\\w+\\s+([0-9.]+)(us|ms|s|m)");

    private HttpBench() {
    }

    /** A Lua script for a POST with a JSON body and a bearer token. */
    static String postScript(Path dir, String name, String token, String jsonBody) throws IOException {
        Path file = dir.resolve(name + ".lua");
        String lua = "wrk.method = \"POST\"\n"
                + "wrk.body = [[" + jsonBody + "]]\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n";
        Files.writeString(file, lua);
        return file.toString();
    }

    /** A Lua script for a GET with a bearer token. */
    static String getScript(Path dir, String name, String token) throws IOException {
        Path file = dir.resolve(name + ".lua");
        Files.writeString(file, "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
        return file.toString();
    }

    static Run run(Endpoint e, int seconds, int repeat, Path rawDir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "1", "wrk", "-t1", "-c32", "-d" + seconds + "s",
                                                   "--latency"));
        if (e.script() != null) {
            cmd.add("-s");
            cmd.add(e.script());
        }
        cmd.add(e.url());
        double cpu0 = e.server().cpuSeconds();
        long t0 = System.nanoTime();
        String out = Proc.run(cmd, Duration.ofSeconds(seconds + 30L));
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = e.server().cpuSeconds() - cpu0;
        Files.writeString(rawDir.resolve("wrk-" + e.key() + "-" + repeat + ".txt"), String.join(" ", cmd) + "\n" + out);
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IllegalStateException("cannot parse wrk output:\n" + out);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher pct = PCT.matcher(out);
        while (pct.find()) {
            double ms = millis(pct.group(2), pct.group(3));
            if (pct.group(1).equals("50")) {
                p50 = ms;
            } else if (pct.group(1).equals("99")) {
                p99 = ms;
            }
        }
        Matcher max = MAX.matcher(out);
        double maxMs = max.find() ? millis(max.group(1), max.group(2)) : Double.NaN;
        Matcher total = TOTAL.matcher(out);
        long requests = total.find() ? Long.parseLong(total.group(1)) : 0;
        Matcher non = NON2XX.matcher(out);
        long non2xx = non.find() ? Long.parseLong(non.group(1)) : 0;
        Matcher sock = SOCKET.matcher(out);
        long socketErrors = 0;
        if (sock.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(sock.group(g));
            }
        }
        Run run = new Run(e.key(), repeat, Double.parseDouble(rps.group(1)), p50, p99, maxMs, requests, non2xx,
                          socketErrors, cpu / wall, requests == 0 ? Double.NaN : cpu * 1e6 / requests);
        Log.info(String.format("wrk %-12s r%d %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %d  socket errors %d  srv cpu %.2f",
                               e.key(), repeat, run.requestsPerSec(), p50, p99, non2xx, socketErrors, run.serverCpuUtil()));
        return run;
    }

    static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> Double.NaN;
        };
    }
}
