package com.chirpchat.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark run: starts the servers under test (pinned to CPU 0) and drives them from this JVM (pinned to CPU 1
 * by the launcher), section by section, then writes bench/results. See bench/README.md for what each section does.
 * <p>
 * Usage: {@code java -Dbench.root=REPO -cp ... com.chirpchat.bench.Bench [--quick]}
 */
public final class Bench {
    static final String SERVER_CPU = "0";
    /** The harness's CPU (the launcher pins it there); pgbench and, in the spread pair, the second instance share it. */
    static final String HARNESS_CPU = "1";
    /** Shares of the time budget by which each part must be done, so a slow machine still gets to every section. */
    static final double LADDERS_SHARE = 0.58;
    static final double HALF_SHARE = 0.64;
    static final double CROSS_SHARE = 0.80;
    static final double HTTP_SHARE = 0.92;

    final Plan plan;
    final Path root;
    final Path resultsDir;
    final Path rawDir;
    final Budget budget;
    final String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
    final String jwtSecret;
    final Results results;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private volatile boolean cleaned;

    /** The sections to run: fanout, cross, http, idle (all by default; --only=a,b for a partial run). */
    final java.util.Set<String> sections;
    /** Which WebSocket clients drive the fanout: "nio" (lean, the default) or "jdk" (java.net.http.WebSocket). */
    final String clients;

    private Bench(Plan plan, Path root, java.util.Set<String> sections, String clients) {
        this.plan = plan;
        this.sections = sections;
        this.clients = clients;
        this.root = root;
        this.resultsDir = root.resolve("bench/results");
        this.rawDir = resultsDir.resolve("raw");
        this.budget = new Budget(plan.budget());
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        this.jwtSecret = Base64.getEncoder().encodeToString(key);
        this.results = new Results(plan, resultsDir);
    }

    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        java.util.Set<String> sections = new java.util.LinkedHashSet<>(List.of("pgbench", "fanout", "cross", "http", "idle"));
        String clients = "nio";
        for (String arg : args) {
            if (arg.startsWith("--only=")) {
                sections.retainAll(List.of(arg.substring("--only=".length()).split(",")));
            } else if (arg.startsWith("--clients=")) {
                clients = arg.substring("--clients=".length());
                if (!clients.equals("jdk") && !clients.equals("nio")) {
                    throw new IllegalArgumentException("--clients=jdk or --clients=nio");
                }
            }
        }
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Bench bench = new Bench(Plan.of(quick), root, sections, clients);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(bench::cleanup));
        int code = 0;
        try {
            bench.run();
        } catch (Throwable t) {
            Log.info("FAILED: " + t);
            t.printStackTrace();
            code = 1;
        } finally {
            bench.cleanup();
        }
        System.exit(code);
    }

    private void run() throws Exception {
        prepareDirectories();
        Log.to(rawDir.resolve("harness.log"));
        Log.info("ChirpChat bench, " + (plan.quick() ? "QUICK" : "FULL") + " run " + runId + ", budget " + plan.budget());
        preflight();
        results.meta().put("sections", String.join(",", sections));
        results.meta().put("wsClients", clients.equals("nio")
                ? "lean NIO WebSocket clients (--clients=nio): one selector thread, frames parsed in place"
                : "java.net.http.WebSocket (JDK), Authorization header");
        if (sections.contains("pgbench")) {
            section("pgbench", this::pgbenchSection);
            results.write();
        }
        if (sections.contains("fanout") || sections.contains("cross") || sections.contains("http")) {
            try {
                fanoutSections();
            } finally {
                closeAll();
            }
            results.write();
        }
        if (!sections.contains("idle")) {
            Log.info("idle section not selected");
        } else if (budget.allows(60)) {
            section("idle", this::idleSection);
        } else {
            results.skip("idle", "time budget exhausted");
        }
        results.meta().put("durationSeconds", Math.round(budget.elapsedSeconds()));
        results.write();
        Log.info("results written to " + resultsDir + " in " + Math.round(budget.elapsedSeconds()) + " s");
    }

    // ------------------------------------------------------------------------------------------------ sections

    /** Section 0: the database's own rate for our post transaction and for a batch of posts (pgbench), before the rest. */
    private void pgbenchSection() throws Exception {
        if (!PgBench.available()) {
            results.skip("pgbench", "/usr/bin/pgbench is not installed (apt-get install -y postgresql-client)");
            return;
        }
        String db = "chirpbench_" + runId + "_pgbench";
        Postgres.create(db);
        createdDatabases.add(db);
        PgBench pgbench = new PgBench(rawDir, db);
        pgbench.prepare();
        results.meta().put("pgbenchScripts", PgBench.describe().toString());
        int seconds = plan.quick() ? 3 : 8;
        // a short unrecorded run each, then the repeats alternating, like the ladders
        pgbench.run("post", 0, 1, HARNESS_CPU);
        pgbench.run("batch", 0, 1, HARNESS_CPU);
        for (int r = 1; r <= plan.repeats(); r++) {
            for (String script : List.of("post", "batch")) {
                results.pgbench().add(pgbench.run(script, r, seconds, HARNESS_CPU));
            }
        }
    }

    /** Sections 1, 2, 3 and 5 share the single ChirpChat instance A and the bare server. */
    private void fanoutSections() throws Exception {
        Proc bare = startBare();
        Proc a = startChirp("chirpchat-a", "a", null);
        ChirpApi apiA = keep(new ChirpApi(a.port));
        results.meta().put("serverGc", a.gcName());
        World world = World.create(apiA, plan, "u");
        Log.info("A: " + world.users().size() + " users, " + world.small().length + " small chats, 1 large chat");

        Fanout.Shape small = new Fanout.Shape("small", plan.users() / plan.smallChatSize() + " chats of " + plan.smallChatSize(),
                                              plan.users() / plan.smallChatSize(), plan.smallChatSize());
        Fanout.Shape large = new Fanout.Shape("large", "1 chat of " + plan.users(), 1, plan.users());
        List<Fanout.Shape> shapes = List.of(small, large);

        LeanHttp postsA = keep(new LeanHttp("127.0.0.1", a.port, plan.maxInFlight()));
        LeanHttp postsBare = keep(new LeanHttp("127.0.0.1", bare.port, plan.maxInFlight()));
        ClientFleet fleetA = keep(ClientFleet.create(clients, "chirpchat", chirpSpecs(world, new int[] {a.port})));
        ClientFleet fleetBare = keep(ClientFleet.create(clients, "bare", bareSpecs(bare.port, small)));
        connect(fleetA);
        connect(fleetBare);
        int overhead = frameOverhead(apiA, world, fleetA);
        Log.info("ChirpChat's event frame = text + " + overhead + " characters; bare frames are padded to match");
        results.meta().put("chirpchatFrameOverheadChars", overhead);
        Fanout.Target chirp = new Fanout.Target("chirpchat", "ChirpChat", fleetA,
                                                chirpSenders(new LeanHttp[] {postsA}, world), List.of(a));
        Fanout.Target bareTarget = new Fanout.Target("bare", "bare Helidon WebSocket", fleetBare,
                                                     bareSenders(postsBare, overhead), List.of(bare));
        Fanout fanout = new Fanout(plan, budget);

        section("fanout", () -> {
            if (!sections.contains("fanout")) {
                return;
            }
            for (Fanout.Shape shape : shapes) {
                double start = shape == small ? plan.smallStart() : plan.largeStart();
                fanout.warmUp(chirp, shape, start * 2, plan.warmupSeconds());
                fanout.warmUp(bareTarget, shape, start * 2, plan.warmupSeconds());
            }
            // ladders: interleaved per repeat, so both servers see the same machine; a repeat starts only if both
            // ladders of a shape fit into the ladders' share of the time budget
            for (int r = 1; r <= plan.repeats(); r++) {
                for (Fanout.Shape shape : shapes) {
                    double start = shape == small ? plan.smallStart() : plan.largeStart();
                    double cap = shape == small ? plan.smallCap() : plan.largeCap();
                    if (r > 1 && !budget.allowsWithin(LADDERS_SHARE, 2 * 9 * fanout.stepSeconds())) {
                        Log.info("ladder repeat " + r + " " + shape.key() + " skipped: time budget");
                        results.skip("fanout repeat " + r + " " + shape.key(), "time budget");
                        continue;
                    }
                    for (Fanout.Target t : List.of(chirp, bareTarget)) {
                        results.ladders(shape.key(), t.key()).add(fanout.ladder(t, shape, start, cap, r));
                    }
                }
                results.write();
            }
            // at half of ChirpChat's max rate: ChirpChat (target p99 ≤ 50 ms) and bare at the same rate
            for (int r = 1; r <= plan.repeats(); r++) {
                for (Fanout.Shape shape : shapes) {
                    double half = results.halfRate(shape.key(), shape == small ? plan.smallStart() : plan.largeStart());
                    if (!budget.allowsWithin(HALF_SHARE, 2 * fanout.stepSeconds())) {
                        Log.info("half-rate repeat " + r + " " + shape.key() + " skipped: time budget");
                        continue;
                    }
                    for (Fanout.Target t : List.of(chirp, bareTarget)) {
                        results.half(shape.key()).add(fanout.step(t, shape, half, "half", r));
                    }
                }
            }
            results.write();
        });

        if (sections.contains("cross")) {
            section("cross", () -> crossSection(fanout, shapes, chirp, "cross", SERVER_CPU));
            results.write();
            // the same pair with one core per instance: B2 on the harness's CPU (the only other core of 2)
            section("cross-spread", () -> crossSection(fanout, shapes, chirp, "cross-spread", HARNESS_CPU));
            results.write();
        }
        if (sections.contains("http")) {
            section("http", () -> httpSection(apiA, a, bare));
        }
        results.write();
        results.meta().put("liveCounters", liveCounters(a));
        results.meta().put("closedByServer", fleetA.closedByServer() + fleetBare.closedByServer())
                .put("reconnects", fleetA.reconnects() + fleetBare.reconnects());
    }

    /** Section 2 (and 3b): two instances through Redis vs the single instance, and the raw Redis loop. */
    private void crossSection(Fanout fanout, List<Fanout.Shape> shapes, Fanout.Target single, String key,
                              String secondCpu) throws Exception {
        boolean spread = !secondCpu.equals(SERVER_CPU);
        String prefix = "chirpbench" + runId + (spread ? "s" : "");
        String db = spread ? "s" : "b";
        Proc b1 = startChirp(spread ? "chirpchat-s1" : "chirpchat-b1", db, prefix, SERVER_CPU);
        Proc b2 = startChirp(spread ? "chirpchat-s2" : "chirpchat-b2", db, prefix, secondCpu);
        ClientFleet fleetB = null;
        try (ChirpApi apiB = new ChirpApi(b1.port);
             LeanHttp posts1 = new LeanHttp("127.0.0.1", b1.port, plan.maxInFlight());
             LeanHttp posts2 = new LeanHttp("127.0.0.1", b2.port, plan.maxInFlight());
             RedisLoop redis = new RedisLoop("127.0.0.1", 6379, prefix + ":loop")) {
            World worldB = World.create(apiB, plan, spread ? "y" : "x"); // registered through b1: one database, one JWT secret
            fleetB = ClientFleet.create(clients, "chirpchat-x2", chirpSpecs(worldB, new int[] {b1.port, b2.port}));
            connect(fleetB);
            Fanout.Target cross = new Fanout.Target(key, spread ? "ChirpChat ×2 via Redis, one core each" : "ChirpChat ×2 via Redis", fleetB,
                                                    chirpSenders(new LeanHttp[] {posts1, posts2}, worldB), List.of(b1, b2));
            Fanout.Target loop = redis.target();
            Fanout.Shape loopShape = RedisLoop.shape();
            // the two instances are fresh JVMs sharing one core, compared with instance A that has run every ladder:
            // warm them at the rate they are measured at, long enough for the JIT to finish with the hot paths
            // (ramping up: cold JVMs cannot take the measured rate at once, and an aborted warm-up warms nothing);
            // 20 s at the rate was not enough: the pair's CPU per delivery still fell repeat by repeat (117, 112,
            // 87 µs on 2 December) with the C2 compiler threads their top CPU consumer, so a minute at the rate
            for (Fanout.Shape shape : shapes) {
                double start = shape.key().equals("small") ? plan.smallStart() : plan.largeStart();
                double rate = results.halfRate(shape.key(), start);
                fanout.warmUp(cross, shape, start, plan.warmupSeconds());
                fanout.warmUp(cross, shape, Math.max(start, rate / 2), plan.warmupSeconds());
                fanout.warmUp(cross, shape, rate, Math.max(plan.warmupSeconds(), plan.quick() ? 6 : 60));
            }
            fanout.warmUp(loop, loopShape, plan.smallStart(), Math.min(3, plan.warmupSeconds()));
            for (int r = 1; r <= plan.repeats(); r++) {
                for (Fanout.Shape shape : shapes) {
                    double rate = results.halfRate(shape.key(), shape.key().equals("small") ? plan.smallStart() : plan.largeStart());
                    if (!budget.allowsWithin(CROSS_SHARE, 3 * fanout.stepSeconds())) {
                        Log.info("cross repeat " + r + " " + shape.key() + " skipped: time budget");
                        continue;
                    }
                    if (!spread) {
                        results.cross(shape.key()).add(fanout.step(single, shape, rate, "single", r));
                    }
                    results.cross(shape.key()).add(fanout.step(cross, shape, rate, key, r));
                    if (!spread) {
                        Fanout.StepResult l = fanout.step(loop, loopShape, rate, "redis", r);
                        results.cross(shape.key()).add(l);
                    }
                }
                results.write();
            }
            results.meta().put(spread ? "crossSpreadClosedByServer" : "crossClosedByServer", fleetB.closedByServer());
            results.meta().put(spread ? "crossSpreadLiveCounters" : "crossLiveCounters", liveCounters(b1) + "; " + liveCounters(b2));
        } finally {
            if (fleetB != null) {
                fleetB.close();
            }
            b2.close();
            b1.close();
        }
    }

    /** Section 5: wrk against ChirpChat's endpoints and the hello-world baseline. */
    private void httpSection(ChirpApi api, Proc a, Proc bare) throws Exception {
        List<ChirpApi.User> users = api.users("h", 10, 4);
        String chat = api.createChat(users.get(0), "http", users.subList(1, users.size()));
        ChirpApi.User author = users.get(0);
        api.postMessage(author, chat, "hello");
        String media = api.readyImage(author, chat, Png.small(), Duration.ofSeconds(60));
        Log.info("http: chat " + chat + " with ready image message " + media);
        Path dir = rawDir.resolve("wrk");
        Files.createDirectories(dir);
        String base = "http://127.0.0.1:" + a.port;
        List<HttpBench.Endpoint> endpoints = List.of(
                new HttpBench.Endpoint("hello", "GET /hello (bare Helidon)", "http://127.0.0.1:" + bare.port + "/hello", null, bare),
                new HttpBench.Endpoint("post-message", "POST /chats/{id}/messages", base + "/chats/" + chat + "/messages",
                                       HttpBench.postScript(dir, "post-message", author.token(), "{\"text\":\"wrk says hi\"}"), a),
                new HttpBench.Endpoint("upload-signature", "POST /uploads/get-cloudinary-upload-signature",
                                       base + "/uploads/get-cloudinary-upload-signature",
                                       HttpBench.postScript(dir, "upload-signature", author.token(),
                                                            "{\"chatId\":\"" + chat + "\",\"resourceType\":\"image\",\"fileName\":\"cat.png\",\"bytes\":2048}"), a),
                new HttpBench.Endpoint("get-media", "GET /media/{id}", base + "/media/" + media,
                                       HttpBench.getScript(dir, "get-media", author.token()), a));
        results.httpEndpoints(endpoints);
        for (HttpBench.Endpoint e : endpoints) {
            HttpBench.run(e, plan.httpWarmSeconds(), 0, dir); // warm-up, not recorded
        }
        for (int r = 1; r <= plan.repeats(); r++) {
            for (HttpBench.Endpoint e : endpoints) {
                if (!budget.allowsWithin(HTTP_SHARE, plan.httpSeconds() + 5)) {
                    Log.info("http " + e.key() + " repeat " + r + " skipped: time budget");
                    continue;
                }
                results.http(e.key()).add(HttpBench.run(e, plan.httpSeconds(), r, dir));
            }
        }
    }

    /** Section 4: idle connections to a fresh instance. */
    private void idleSection() throws Exception {
        Proc c = startChirp("chirpchat-idle", "c", null);
        try (ChirpApi api = new ChirpApi(c.port)) {
            List<ChirpApi.User> users = api.users("i", plan.idleUsers(), 8);
            int size = plan.smallChatSize();
            for (int k = 0; k + size <= users.size(); k += size) {
                api.createChat(users.get(k), "idle " + k, users.subList(k + 1, k + size));
            }
            Log.info("idle: " + users.size() + " users in chats of " + size + ", " + plan.idleConnectionsPerUser()
                             + " connections each (tokens reused)");
            results.idle(IdleBench.run(plan, c, users, budget));
        } finally {
            c.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ servers

    private Proc startBare() {
        int port = Proc.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + plan.heap(), "-Djava.awt.headless=true",
                                                   "-Xlog:gc:file=" + rawDir.resolve("bare-gc.log")));
        cmd.addAll(extraServerOptions("bare"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                           "com.chirpchat.bench.bare.BareServer", Integer.toString(port),
                           Integer.toString(plan.wsQueueSize())));
        Proc p = Proc.start("bare", port, SERVER_CPU, cmd, Map.of(), root, rawDir.resolve("bare.log"));
        p.awaitHealthy("/observe/health", Duration.ofSeconds(60));
        return p;
    }

    /** A ChirpChat instance started exactly as {@code ./chirpchat run} does, configured by environment variables. */
    private Proc startChirp(String name, String database, String redisPrefix) throws Exception {
        return startChirp(name, database, redisPrefix, SERVER_CPU);
    }

    /** The same, pinned to {@code cpu}. */
    private Proc startChirp(String name, String database, String redisPrefix, String cpu) throws Exception {
        String db = "chirpbench_" + runId + "_" + database;
        if (!createdDatabases.contains(db)) {
            Postgres.create(db);
            createdDatabases.add(db);
        }
        int port = Proc.freePort();
        int mediaPort = Proc.freePort();
        Path data = rawDir.resolve(name + "-data");
        Files.createDirectories(data);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_HOST", "127.0.0.1");
        env.put("DATA_DIR", data.toString());
        env.put("JDBC_DATABASE_URL", Postgres.jdbcUrl(db));
        env.put("JDBC_DATABASE_USERNAME", Postgres.USER);
        env.put("JWT_SECRET", jwtSecret);
        env.put("CHIRPCHAT_AUTH_ARGON2_MEMORY_dash_KIB", "1024");
        env.put("CHIRPCHAT_AUTH_ARGON2_ITERATIONS", "1");
        // the harness registers and posts from one loopback address at rates no single user has
        env.put("CHIRPCHAT_LIMITS_REGISTER_PER_dash_ADDRESS", "100000000");
        env.put("CHIRPCHAT_LIMITS_POSTS_PER_dash_USER", "100000000");
        env.put("CHIRPCHAT_LIMITS_UPLOADS_PER_dash_USER", "100000000");
        env.put("CHIRPCHAT_LIMITS_UPLOADS_BYTES_dash_PER_dash_USER", "1000000000000000");
        // the harness logs its users in once; access tokens (15 min by default) must outlive the run's sockets
        env.put("CHIRPCHAT_AUTH_TOKEN_dash_TTL", "PT2H");
        env.put("CHIRPCHAT_WS_QUEUE_dash_SIZE", Integer.toString(plan.wsQueueSize()));
        env.put("CHIRPCHAT_MEDIA_LOCAL_PORT", Integer.toString(mediaPort));
        if (redisPrefix != null) {
            env.put("REDIS_URL", "redis://127.0.0.1:6379/0");
            env.put("CHIRPCHAT_REDIS_CHANNEL_dash_PREFIX", redisPrefix);
            env.put("CHIRPCHAT_REDIS_INSTANCE_dash_ID", name);
        }
        env.putAll(extraServerEnv());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=webp.imageio", "-Xmx" + plan.heap(),
                                                   "-Xlog:gc:file=" + rawDir.resolve(name + "-gc.log")));
        cmd.addAll(extraServerOptions(name));
        cmd.addAll(List.of("-p", "bootstrap/target/chirpchat.jar:bootstrap/target/libs",
                           "-m", "com.chirpchat.bootstrap/com.chirpchat.bootstrap.Main"));
        Map<String, String> shown = new HashMap<>(env);
        shown.put("JWT_SECRET", "(random per run)");
        results.servers().set(name, results.json(Map.of("command", "taskset -c " + cpu + " " + String.join(" ", cmd),
                                                        "env", shown)));
        Proc p = Proc.start(name, port, cpu, cmd, env, root, rawDir.resolve(name + ".log"));
        p.awaitHealthy("/observe/health", Duration.ofSeconds(120));
        return p;
    }

    private final List<String> createdDatabases = new ArrayList<>();

    /**
     * The instance's router counters (events held for reordering, gaps filled from storage, events replayed from
     * storage), from its Prometheus metrics: how often the fanout delivered out of order or lost something; and its
     * group commit's (batches and changes in them, transactions across chats and chats in them): how much it batched.
     */
    private static String liveCounters(Proc p) {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port + "/observe/metrics"))
                                             .timeout(Duration.ofSeconds(10)).build(),
                                     java.net.http.HttpResponse.BodyHandlers.ofString());
            StringBuilder out = new StringBuilder(p.name + ":");
            response.body().lines()
                    .filter(line -> line.startsWith("chirpchat_live_") && !line.startsWith("chirpchat_live_chats")
                                    || line.startsWith("chirpchat_db_batch") || line.startsWith("chirpchat_db_cross"))
                    .forEach(line -> out.append(' ').append(line.replaceAll("\\{[^}]*}", "").replace("_total ", "=")));
            Log.info("live counters " + out);
            return out.toString();
        } catch (IOException | RuntimeException e) {
            return p.name + ": metrics not readable (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return p.name + ": interrupted";
        }
    }

    /**
     * JVM options for the servers under test (ChirpChat and bare) from {@code BENCH_SERVER_JAVA_OPTS} (for profiling, e.g.
     * {@code -XX:StartFlightRecording=filename={name}.jfr,settings=profile}); {@code {name}} becomes the server's name
     * and a relative file lands in bench/results/raw. Recorded in results.json with the rest of the command.
     */
    private List<String> extraServerOptions(String name) {
        List<String> out = new ArrayList<>();
        for (String opt : envWords("BENCH_SERVER_JAVA_OPTS")) {
            out.add(opt.replace("{name}", rawDir.resolve(name).toString()));
        }
        return out;
    }

    /** The words of an environment variable (separated by white space); none when it is unset or blank. */
    private static List<String> envWords(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /**
     * Configuration for the ChirpChat servers under test from {@code BENCH_SERVER_ENV}: {@code KEY=VALUE} pairs
     * separated by spaces, set after (so over) the harness's own, e.g. {@code CHIRPCHAT_DB_BATCH_dash_CHATS=1} to
     * compare a setting's two values in back-to-back runs. Recorded in results.json with the rest of the environment.
     */
    static Map<String, String> extraServerEnv() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : envWords("BENCH_SERVER_ENV")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("BENCH_SERVER_ENV: '" + pair + "' is not KEY=VALUE");
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    /** The packaged server must carry the PostgreSQL JDBC driver: the bench measures the package as shipped. */
    private void requirePackagedDriver() throws IOException {
        try (Stream<Path> libs = Files.list(root.resolve("bootstrap/target/libs"))) {
            if (libs.noneMatch(p -> p.getFileName().toString().startsWith("postgresql-"))) {
                throw new IllegalStateException("bootstrap/target/libs has no PostgreSQL JDBC driver, so the packaged "
                        + "server cannot use PostgreSQL; check the scope of org.postgresql:postgresql in bootstrap/pom.xml");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ clients

    /** Users and chats of one ChirpChat deployment: user u is in small chat u / chatSize and in the large chat. */
    record World(List<ChirpApi.User> users, String[] small, String large) {
        static World create(ChirpApi api, Plan plan, String prefix) throws Exception {
            long t0 = System.nanoTime();
            List<ChirpApi.User> users = api.users(prefix, plan.users(), 8);
            int size = plan.smallChatSize();
            String[] small = new String[users.size() / size];
            for (int c = 0; c < small.length; c++) {
                small[c] = api.createChat(users.get(c * size), prefix + " small " + c, users.subList(c * size + 1, (c + 1) * size));
            }
            String large = api.createChat(users.get(0), prefix + " large", users.subList(1, users.size()));
            Log.info(String.format("set up %d users and %d chats in %.1f s", users.size(), small.length + 1,
                                   (System.nanoTime() - t0) / 1e9));
            return new World(users, small, large);
        }
    }

    /** User u connects to instance u % ports.length. */
    private static List<ClientFleet.Spec> chirpSpecs(World world, int[] ports) {
        List<ClientFleet.Spec> specs = new ArrayList<>();
        for (int u = 0; u < world.users().size(); u++) {
            specs.add(new ClientFleet.Spec(URI.create("ws://127.0.0.1:" + ports[u % ports.length] + "/ws"),
                                       world.users().get(u).token()));
        }
        return specs;
    }

    private List<ClientFleet.Spec> bareSpecs(int port, Fanout.Shape small) {
        List<ClientFleet.Spec> specs = new ArrayList<>();
        for (int u = 0; u < plan.users(); u++) {
            specs.add(new ClientFleet.Spec(URI.create("ws://127.0.0.1:" + port + "/ws?rooms=s" + (u / small.chatSize()) + ",L"), null));
        }
        return specs;
    }

    /** Posts over the real API: message i of chat c by c's owner, to instance (i / chats) % clients.length. */
    private static Function<Fanout.Shape, OpenLoop.Sender> chirpSenders(LeanHttp[] clients, World world) {
        return shape -> {
            String[] paths = new String[shape.chats()];
            String[] auth = new String[shape.chats()];
            for (int c = 0; c < shape.chats(); c++) {
                String chatId = shape.chats() == 1 ? world.large() : world.small()[c];
                paths[c] = "/chats/" + chatId + "/messages";
                auth[c] = "Bearer " + world.users().get(shape.firstMember(c)).token();
            }
            return (index, text) -> {
                int c = shape.chatOf(index);
                LeanHttp client = clients[(index / shape.chats()) % clients.length];
                return client.send(client.post(paths[c], auth[c], "{\"text\":\"" + text + "\"}"), 201);
            };
        };
    }

    /**
     * Posts to the bare server's rooms. The body is padded so the frames the clients receive are as long as
     * ChirpChat's event frames ({@code frameOverhead} = ChirpChat's frame length minus its text): both servers then
     * cost the clients the same per frame.
     */
    private static Function<Fanout.Shape, OpenLoop.Sender> bareSenders(LeanHttp client, int frameOverhead) {
        String pad = "x".repeat(Math.max(0, frameOverhead - "{\"text\":\"\",\"pad\":\"\"}".length()));
        return shape -> {
            String[] paths = new String[shape.chats()];
            for (int c = 0; c < shape.chats(); c++) {
                paths[c] = "/publish/" + (shape.chats() == 1 ? "L" : "s" + c);
            }
            return (index, text) -> client.send(
                    client.post(paths[shape.chatOf(index)], null, "{\"text\":\"" + text + "\",\"pad\":\"" + pad + "\"}"), 204);
        };
    }

    /** What ChirpChat's event frame adds around a message's text (measured with one real message). */
    private static int frameOverhead(ChirpApi api, World world, ClientFleet fleet) throws Exception {
        String text = "bm0_0_0";
        api.postMessage(world.users().get(0), world.small()[0], text);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (fleet.lastTextLength() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (fleet.lastTextLength() == 0) {
            throw new IllegalStateException("no event frame arrived for a posted message");
        }
        return fleet.lastTextLength() - text.length();
    }

    private void connect(ClientFleet fleet) throws InterruptedException {
        long t0 = System.nanoTime();
        int ok = fleet.connectMissing(64, Duration.ofSeconds(120));
        Log.info(String.format("%s: %d/%d WebSocket clients connected in %.1f s%s", fleet.name(), ok, fleet.size(),
                               (System.nanoTime() - t0) / 1e9, ok < fleet.size() ? " (" + fleet.failures() + ")" : ""));
        if (ok < fleet.size()) {
            throw new IllegalStateException(fleet.name() + ": only " + ok + " of " + fleet.size() + " clients connected");
        }
        Thread.sleep(1000); // the server subscribes each connection right after its hello
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private interface Section {
        void run() throws Exception;
    }

    /** Runs a section; a failure is recorded in the results and the run goes on with the next one. */
    private void section(String name, Section section) {
        try {
            section.run();
        } catch (Exception | Error e) {
            Log.info("section " + name + " FAILED: " + e);
            e.printStackTrace(System.out);
            results.fail(name, e.toString());
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private void closeAll() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                Log.info("closing failed: " + e);
            }
        }
        closeables.clear();
        Proc.stopAll();
    }

    private void prepareDirectories() throws IOException {
        Files.createDirectories(rawDir);
        // a fresh run leaves no stale outputs of an earlier one behind
        try (Stream<Path> old = Files.list(resultsDir)) {
            for (Path p : old.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".png") || n.equals("results.md") || n.equals("results.json")) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> old = Files.walk(rawDir)) {
            for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(rawDir)) {
                    Files.delete(p);
                }
            }
        }
    }

    private void preflight() throws Exception {
        ObjectNode meta = results.meta();
        Path jar = root.resolve("bootstrap/target/chirpchat.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(root.resolve("bootstrap/target/libs"))) {
            throw new IllegalStateException("no packaged server at " + jar + ": run ./chirpchat bench (it builds first)");
        }
        requirePackagedDriver();
        meta.put("mode", plan.quick() ? "quick" : "full").put("runId", runId)
                .put("started", java.time.OffsetDateTime.now().toString())
                .put("cpus", Runtime.getRuntime().availableProcessors())
                .put("machineCpus", Proc.run(List.of("nproc", "--all"), Duration.ofSeconds(5)).strip())
                .put("cpuModel", cpuModel())
                .put("kernel", Proc.run(List.of("uname", "-r"), Duration.ofSeconds(5)).strip())
                .put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("serverHeap", "-Xmx" + plan.heap())
                .put("serverCpu", SERVER_CPU).put("harnessCpu", "1 (taskset by ./chirpchat bench)")
                .put("postgres", Postgres.version())
                .put("clkTck", Proc.clkTck())
                .put("openFileLimit", Proc.run(List.of("sh", "-c", "ulimit -n"), Duration.ofSeconds(5)).strip())
                .put("wsQueueSize", plan.wsQueueSize());
        Postgres.dropStale("chirpbench_");
        try (RedisLoop probe = new RedisLoop("127.0.0.1", 6379, "chirpbench-probe")) {
            meta.put("redis", probe.isOpen(0) ? "reachable" : "not subscribed");
        }
        String wrk = Proc.run(List.of("wrk", "-v"), Duration.ofSeconds(5)).lines().findFirst().orElse("?");
        meta.put("wrk", wrk.strip());
        meta.set("plan", results.json(planMap()));
        Log.info("preflight ok: " + meta);
    }

    private Map<String, Object> planMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", plan.users());
        m.put("smallChatSize", plan.smallChatSize());
        m.put("repeats", plan.repeats());
        m.put("warmupSeconds", plan.warmupSeconds());
        m.put("stepWarmSeconds", plan.stepWarmSeconds());
        m.put("stepMeasureSeconds", plan.stepMeasureSeconds());
        m.put("drainSeconds", plan.drainSeconds());
        m.put("smallLadder", plan.smallStart() + " doubling up to " + plan.smallCap() + " msg/s");
        m.put("largeLadder", plan.largeStart() + " doubling up to " + plan.largeCap() + " msg/s");
        m.put("bisections", plan.bisections());
        m.put("maxInFlight", plan.maxInFlight());
        m.put("lateMillis", plan.lateMillis());
        m.put("p99LimitMillis", plan.p99LimitMillis());
        m.put("httpSeconds", plan.httpSeconds());
        m.put("idleTarget", plan.idleTarget());
        m.put("budgetMinutes", plan.budget().toMinutes());
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private synchronized void cleanup() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        try {
            closeAll();
        } finally {
            Proc.stopAll();
            Postgres.dropAll();
        }
    }
}
