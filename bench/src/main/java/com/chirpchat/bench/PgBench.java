package com.chirpchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database's own ceiling for a durable post, measured in the same run: {@code pgbench} (PostgreSQL's client,
 * {@code /usr/bin/pgbench}) running transactions of the shape ChirpChat's post has, against tables of the shape of
 * ChirpChat's, on a fresh database. Two scripts:
 * <ul>
 * <li><b>post</b> — one post as ChirpChat stores it alone: lock the chat's row, read the author's membership,
 *     insert the message and its event, bump the chat's seq, commit (one message per transaction);</li>
 * <li><b>batch</b> — a group commit of {@link #BATCH} posts to one chat: the same lock and membership read, one
 *     multi-row insert of the messages and one of the events, one bump, one commit ({@link #BATCH} messages per
 *     transaction).</li>
 * </ul>
 * {@link #CLIENTS} clients, chats picked at random among 100 (as the small-chat fanout spreads its posts), prepared
 * statements, {@code synchronous_commit} as the server has it (on), pgbench pinned to the harness's CPU. Each
 * transaction's latency is logged ({@code --log}), so the p99 of the run is known and the rate can be compared with
 * ChirpChat's max rate at p99 &lt; 100 ms.
 */
final class PgBench {
    static final int CLIENTS = 8;
    static final int BATCH = 16;
    private static final int CHATS = 100;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    /** One pgbench run: a script's transactions and messages per second, and its latencies. */
    record Run(String script, int repeat, double seconds, double tps, double messagesPerSec, double p50Ms, double p99Ms,
               long transactions, long failed) {
    }

    private final Path dir;
    private final String database;

    PgBench(Path rawDir, String database) {
        this.dir = rawDir.resolve("pgbench");
        this.database = database;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/pgbench"));
    }

    /** Creates the tables (ChirpChat's shape, the columns a post writes) and the chats with one member each. */
    void prepare() throws SQLException, IOException {
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.setProperty("user", Postgres.USER);
        try (Connection c = DriverManager.getConnection(Postgres.jdbcUrl(database), props); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE chats (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL, created_at TIMESTAMPTZ NOT NULL,
                                        last_seq BIGINT NOT NULL, last_activity_at TIMESTAMPTZ NOT NULL)""");
            s.execute("""
                    CREATE TABLE chat_members (chat_id INT NOT NULL REFERENCES chats (id), user_id INT NOT NULL,
                                               role VARCHAR(16) NOT NULL, joined_at TIMESTAMPTZ NOT NULL,
                                               added_seq BIGINT NOT NULL, PRIMARY KEY (chat_id, user_id))""");
            s.execute("""
                    CREATE TABLE messages (id UUID PRIMARY KEY, chat_id INT NOT NULL REFERENCES chats (id), seq BIGINT NOT NULL,
                                           author_id INT NOT NULL, kind VARCHAR(16) NOT NULL, body VARCHAR(8000),
                                           created_at TIMESTAMPTZ NOT NULL, deleted BOOLEAN NOT NULL,
                                           client_message_id VARCHAR(200), UNIQUE (chat_id, seq),
                                           UNIQUE (chat_id, author_id, client_message_id))""");
            s.execute("""
                    CREATE TABLE chat_events (chat_id INT NOT NULL REFERENCES chats (id), seq BIGINT NOT NULL,
                                              event_type VARCHAR(32) NOT NULL, occurred_at TIMESTAMPTZ NOT NULL,
                                              message_id UUID REFERENCES messages (id), user_id INT, role VARCHAR(16),
                                              PRIMARY KEY (chat_id, seq))""");
            s.execute("INSERT INTO chats SELECT g, 'chat ' || g, now(), 0, now() FROM generate_series(1, " + CHATS + ") g");
            s.execute("INSERT INTO chat_members SELECT g, g, 'owner', now(), 0 FROM generate_series(1, " + CHATS + ") g");
        }
        Files.writeString(dir.resolve("post.sql"), script(1));
        Files.writeString(dir.resolve("batch.sql"), script(BATCH));
    }

    /** A transaction storing {@code n} posts to one random chat, as ChirpChat does (n = 1) or as a batch (n > 1). */
    static String script(int n) {
        StringBuilder s = new StringBuilder();
        s.append("\\set chat random(1, ").append(CHATS).append(")\n");
        s.append("BEGIN;\n");
        // the chat's row lock reads the author's role (and the snapshot's seq that vouches for it) in the same statement
        s.append("SELECT c.last_seq, (SELECT s.last_seq FROM chats s WHERE s.id = c.id) AS seen_seq, "
                 + "(SELECT m.role FROM chat_members m WHERE m.chat_id = c.id AND m.user_id = :chat) AS role_0 "
                 + "FROM chats c WHERE c.id = :chat FOR UPDATE;\n");
        s.append("WITH numbered AS (SELECT gen_random_uuid() AS id, c.last_seq + g AS seq FROM chats c, generate_series(1, ")
                .append(n).append(") g WHERE c.id = :chat),\n");
        s.append("     m AS (INSERT INTO messages (id, chat_id, seq, author_id, kind, body, created_at, deleted, client_message_id)\n");
        s.append("           SELECT id, :chat, seq, :chat, 'text', 'bm_pgbench_message_text', now(), FALSE, NULL FROM numbered\n");
        s.append("           ON CONFLICT DO NOTHING RETURNING id, seq)\n");
        s.append("INSERT INTO chat_events (chat_id, seq, event_type, occurred_at, message_id) SELECT :chat, seq, 'message_created', now(), id FROM m;\n");
        s.append("UPDATE chats SET last_seq = last_seq + ").append(n).append(", last_activity_at = now() WHERE id = :chat;\n");
        s.append("COMMIT;\n");
        return s.toString();
    }

    /** Runs {@code script} for {@code seconds} with pgbench on {@code cpu}. */
    Run run(String script, int repeat, int seconds, String cpu) throws IOException {
        Path logDir = dir.resolve(script + "-" + repeat);
        Files.createDirectories(logDir);
        List<String> command = List.of("taskset", "-c", cpu, "/usr/bin/pgbench", "-n", "-M", "prepared",
                                       "-c", Integer.toString(CLIENTS), "-j", "1", "-T", Integer.toString(seconds),
                                       "-f", dir.resolve(script + ".sql").toString(), "-l",
                                       "--log-prefix=" + logDir.resolve("tx"),
                                       "-h", Postgres.HOST, "-p", Integer.toString(Postgres.PORT), "-U", Postgres.USER, database);
        String out = Proc.run(command, Duration.ofSeconds(seconds + 60L));
        Files.writeString(dir.resolve(script + "-" + repeat + ".txt"), String.join(" ", command) + "\n\n" + out);
        Matcher tps = TPS.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps: " + out.strip());
        }
        long[] latencies = latenciesMicros(logDir);
        long failed = latencies.length == 0 ? 0 : Arrays.stream(latencies).filter(l -> l < 0).count();
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        double rate = Double.parseDouble(tps.group(1));
        int perTx = script.equals("batch") ? BATCH : 1;
        Log.info(String.format("pgbench %s #%d: %.0f tps (%.0f msg/s), p99 %.2f ms", script, repeat, rate, rate * perTx,
                               percentile(ok, 0.99) / 1000.0));
        return new Run(script, repeat, seconds, rate, rate * perTx, percentile(ok, 0.50) / 1000.0,
                       percentile(ok, 0.99) / 1000.0, ok.length, failed);
    }

    /** Each logged transaction's latency (µs; the third field of pgbench's per-transaction log), -1 for a failed one. */
    private static long[] latenciesMicros(Path logDir) throws IOException {
        List<Long> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 3) {
                        all.add(f[2].matches("\\d+") ? Long.parseLong(f[2]) : -1L);
                    }
                }
            }
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static Map<String, String> describe() {
        return Map.of("post", "BEGIN; SELECT ... FOR UPDATE (chat row, with the author's role); INSERT message + event; "
                              + "UPDATE chat seq; COMMIT — one message per transaction",
                      "batch", "the same with " + BATCH + " messages: one multi-row insert of messages and one of events, "
                               + "one seq bump, one commit — " + BATCH + " messages per transaction");
    }
}
