package com.chirpchat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test, started as a separate process pinned with {@code taskset}, and what we read about it from
 * {@code /proc} and {@code jcmd}. Every started process is stopped by {@link #close} (finally blocks) and, should
 * the harness itself be stopped, by {@link #stopAll} from the shutdown hook.
 */
final class Proc implements AutoCloseable {
    private static final Set<Proc> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Pattern GENERATION = Pattern.compile("total \\d+K, used (\\d+)K");
    private static volatile long clkTck;

    final String name;
    final int port;
    final Process process;
    final long pid;
    final Path log;

    private Proc(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.pid = process.pid();
        this.log = log;
    }

    /** Starts {@code taskset -c CPU command...} with the environment cleaned of everything ChirpChat reads. */
    static Proc start(String name, int port, String cpu, List<String> command, Map<String, String> env, Path dir,
                      Path log) {
        List<String> full = new ArrayList<>(List.of("taskset", "-c", cpu));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("CHIRPCHAT_") || k.startsWith("SERVER_") || k.startsWith("JDBC_")
                || Set.of("REDIS_URL", "JWT_SECRET", "CLOUDINARY_URL", "PUBLIC_BASE_URL", "ALLOWED_ORIGINS", "DATA_DIR",
                          "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").contains(k));
        environment.putAll(env);
        try {
            Files.writeString(log, "\n=== " + String.join(" ", full) + "\n", StandardCharsets.UTF_8,
                              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Proc proc = new Proc(name, port, builder.start(), log);
            RUNNING.add(proc);
            Log.info("started " + name + " (pid " + proc.pid + ", port " + port + ", cpu " + cpu + ", log " + log.getFileName() + ")");
            return proc;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code GET path} answers 200. */
    void awaitHealthy(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).build();
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        Log.info(name + " is healthy");
                        return;
                    }
                    last = response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    last = e.toString();
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException(name + " not healthy within " + timeout + " (" + last + "); see " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** utime + stime of the process, in seconds (all its threads). */
    double cpuSeconds() {
        return cpuSecondsOf(pid);
    }

    static double cpuSecondsOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / (double) clkTck();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds of every process whose name ({@code /proc/PID/comm}) is one of {@code names}. */
    static double cpuSecondsOfCommands(Set<String> names) {
        double sum = 0;
        java.io.File[] entries = new java.io.File("/proc").listFiles();
        if (entries == null) {
            return Double.NaN;
        }
        for (java.io.File e : entries) {
            String n = e.getName();
            if (n.isEmpty() || !Character.isDigit(n.charAt(0))) {
                continue;
            }
            try {
                String comm = Files.readString(Path.of("/proc", n, "comm")).strip();
                if (names.contains(comm)) {
                    double cpu = cpuSecondsOf(Long.parseLong(n));
                    if (!Double.isNaN(cpu)) {
                        sum += cpu;
                    }
                }
            } catch (IOException | RuntimeException ex) {
                // the process ended meanwhile
            }
        }
        return sum;
    }

    static long clkTck() {
        if (clkTck == 0) {
            String out = run(List.of("getconf", "CLK_TCK"), Duration.ofSeconds(5)).strip();
            clkTck = Long.parseLong(out);
        }
        return clkTck;
    }

    /** VmRSS in KiB. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // gone
        }
        return -1;
    }

    /** Open file descriptors of the process. */
    long openFiles() {
        String[] fds = Path.of("/proc/" + pid + "/fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    /** Runs a full GC ({@code jcmd GC.run}), then returns the used heap in KiB from {@code GC.heap_info}. */
    long liveHeapKibAfterGc() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        long used = 0;
        boolean found = false;
        // every generation's summary line, whatever the collector calls it ("DefNew"/"Tenured" for Serial on
        // JDK 25, "def new generation"/"tenured generation" before, "garbage-first heap", "PSYoungGen"/"ParOldGen")
        for (String line : info.split("\n")) {
            Matcher m = GENERATION.matcher(line);
            if (m.find()) {
                used += Long.parseLong(m.group(1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info:\n" + info);
        }
        return used;
    }

    /** The garbage collector's heap line from GC.heap_info (e.g. "def new generation" means Serial GC). */
    String gcName() {
        for (String line : jcmd("GC.heap_info").split("\n")) {
            if (line.contains("total")) {
                return line.strip().replaceAll("\\s+total.*", "");
            }
        }
        return "unknown";
    }

    String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return run(List.of(jcmd.toString(), Long.toString(pid), command), Duration.ofSeconds(60));
    }

    static String run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " timed out");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM (the server's shutdown hook closes it), then SIGKILL after 15 s; its children too. */
    @Override
    public void close() {
        if (!RUNNING.remove(this)) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        Log.info("stopped " + name + " (pid " + pid + ")");
    }

    static void stopAll() {
        for (Proc proc : List.copyOf(RUNNING)) {
            proc.close();
        }
    }
}
