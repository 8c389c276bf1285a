package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.chirpchat.adapters.persistence.ledger.ChatWriters;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.ledger.AddMember;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not a test (runs only with {@code CHIRPCHAT_MEASURE=1}, under the bench lock): posters on virtual
 * threads post as fast as they are answered into 100 chats of 10 through the store on PostgreSQL, with
 * {@code batch-chats} 1 (a transaction per chat's batch) and 16, alternating; prints posts/s and PostgreSQL
 * transactions per post (pg_stat_database's xact_commit, read after the pool is closed so every backend flushed).
 */
@EnabledIfEnvironmentVariable(named = "CHIRPCHAT_MEASURE", matches = "1")
class CrossChatThroughputTest {
    static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    static final long WARM_NANOS = 2_000_000_000L;
    static final long RUN_NANOS = Long.getLong("chirpchat.measure.seconds", 5) * 1_000_000_000L;

    record Setup(List<Chat> chats, List<List<User>> members) {
    }

    @Test
    void postsPerSecondAndTransactionsPerPost() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            Setup setup;
            try (Persistence persistence = database.open()) {
                JdbcStore store = persistence.store();
                List<Chat> chats = new ArrayList<>();
                List<List<User>> members = new ArrayList<>();
                for (int c = 0; c < 100; c++) {
                    User owner = StoreBehaviourTest.registered(store, "owner" + c);
                    Chat chat = StoreBehaviourTest.newChat(store, owner);
                    List<User> in = new ArrayList<>(List.of(owner));
                    for (int m = 1; m < 10; m++) {
                        User member = StoreBehaviourTest.registered(store, "m" + c + "-" + m);
                        store.apply(new AddMember(chat.id(), owner.id(), new Membership(member.id(), Role.MEMBER), true, T0));
                        in.add(member);
                    }
                    chats.add(chat);
                    members.add(in);
                }
                setup = new Setup(chats, members);
            }
            List<String> lines = new ArrayList<>();
            for (int posters : new int[] {64, 256}) {
                for (int repeat = 0; repeat < 2; repeat++) {
                    for (String batchChats : new String[] {"1", "16"}) {
                        lines.add(run(database, setup, posters, batchChats));
                    }
                }
            }
            lines.forEach(System.out::println);
        }
    }

    private String run(PostgresTestDatabase database, Setup setup, int posters, String batchChats) throws Exception {
        long commitsBefore = commits(database);
        LongAdder posted = new LongAdder();
        long measured;
        ChatWriters.Stats stats;
        long elapsed;
        try (Persistence persistence = database.open(Map.of("batch-chats", batchChats))) {
            JdbcStore store = persistence.store();
            AtomicBoolean stop = new AtomicBoolean();
            LongAdder failed = new LongAdder();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int p = 0; p < posters; p++) {
                    threads.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (!stop.get()) {
                            int c = random.nextInt(setup.chats().size());
                            User author = setup.members().get(c).get(random.nextInt(10));
                            try {
                                store.apply(new PostText(setup.chats().get(c).id(), author.id(), new MessageId(UUID.randomUUID()),
                                                         new MessageText("hello"), Optional.of(new ClientMessageId(UUID.randomUUID().toString())),
                                                         T0));
                                posted.increment();
                            } catch (RuntimeException e) {
                                failed.increment();
                            }
                        }
                    });
                }
                Thread.sleep(WARM_NANOS / 1_000_000);
                long from = posted.sum();
                ChatWriters.Stats statsFrom = store.writeStats();
                long start = System.nanoTime();
                Thread.sleep(RUN_NANOS / 1_000_000);
                measured = posted.sum() - from;
                elapsed = System.nanoTime() - start;
                ChatWriters.Stats statsTo = store.writeStats();
                stats = new ChatWriters.Stats(statsTo.batches() - statsFrom.batches(), statsTo.changes() - statsFrom.changes(),
                                              statsTo.splitBatches() - statsFrom.splitBatches(),
                                              statsTo.crossTransactions() - statsFrom.crossTransactions(),
                                              statsTo.crossChats() - statsFrom.crossChats(), statsTo.crossSkipped() - statsFrom.crossSkipped(),
                                              statsTo.crossSplits() - statsFrom.crossSplits());
                stop.set(true);
            }
            assertThat(failed.sum()).isZero();
        }
        long commits = commits(database) - commitsBefore;
        double rate = measured / (elapsed / 1e9);
        return String.format("MEASURE posters=%d batch-chats=%s posts/s=%.0f pg-tx/post=%.3f (all %d posts, %d commits) writer-tx/post=%.3f "
                             + "chats/cross-tx=%.1f", posters, batchChats, rate, commits / (double) posted.sum(), posted.sum(), commits,
                             stats.transactions() / (double) stats.changes(),
                             stats.crossTransactions() == 0 ? 0.0 : stats.crossChats() / (double) stats.crossTransactions());
    }

    private static long commits(PostgresTestDatabase database) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
