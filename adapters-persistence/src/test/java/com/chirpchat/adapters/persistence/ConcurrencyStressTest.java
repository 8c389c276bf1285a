package com.chirpchat.adapters.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.ledger.AddMember;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.ledger.RemoveMember;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writers on one busy chat, writers on other chats, and readers, all at once. Sequence numbers must come
 * out distinct and gap-free, and because they are assigned in commit order a reader must never see seq n+1
 * before n — which is what lets a client that saw 41 and then 44 fetch "after 41" and lose nothing.
 */
abstract class ConcurrencyStressTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
    static final int WRITERS = 16;
    static final int CHANGES_PER_WRITER = 50;

    abstract TestDatabase database();

    @Test
    void busyChatGetsGapFreeSequenceNumbersInCommitOrder() throws Exception {
        try (Persistence persistence = database().open(Map.of("pool-size", "24"))) {
            JdbcStore store = persistence.store();
            User owner = StoreBehaviourTest.registered(store, "owner");
            Chat hot = StoreBehaviourTest.newChat(store, owner);
            List<Chat> quiet = List.of(StoreBehaviourTest.newChat(store, owner), StoreBehaviourTest.newChat(store, owner));
            List<User> joiners = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                joiners.add(StoreBehaviourTest.registered(store, "joiner" + i));
            }

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + quiet.size() + 2);
            AtomicBoolean writing = new AtomicBoolean(true);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Callable<List<Long>>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    User joiner = joiners.get(w);
                    writers.add(() -> {
                        start.await();
                        List<Long> seqs = new ArrayList<>();
                        for (int i = 0; i < CHANGES_PER_WRITER; i++) {
                            // every fifth change churns membership, the rest post, so the roster moves under the writers
                            ChatEvent event = switch (i % 5) {
                                case 1 -> store.apply(new AddMember(hot.id(), owner.id(), new Membership(joiner.id(), Role.MEMBER),
                                                                    true, T0)).changes().events().getFirst();
                                case 3 -> store.apply(new RemoveMember(hot.id(), owner.id(), joiner.id(), T0)).changes().events().getFirst();
                                default -> store.apply(new PostText(hot.id(), owner.id(), new MessageId(UUID.randomUUID()),
                                                                    new MessageText("m"), Optional.empty(), T0)).changes().events().getFirst();
                            };
                            seqs.add(event.seq());
                        }
                        return seqs;
                    });
                }
                List<Future<List<Long>>> writes = writers.stream().map(pool::submit).toList();
                List<Future<Integer>> quietWrites = quiet.stream().map(chat -> pool.submit(() -> {
                    start.await();
                    int n = 0;
                    while (writing.get()) {
                        store.apply(new PostText(chat.id(), owner.id(), new MessageId(UUID.randomUUID()), new MessageText("q"),
                                                 Optional.empty(), T0));
                        n++;
                    }
                    return n;
                })).toList();
                Future<Integer> reader = pool.submit(() -> {
                    start.await();
                    int reads = 0;
                    while (writing.get()) {
                        List<ChatEvent> seen = store.eventsAfter(hot.id(), 0, Integer.MAX_VALUE);
                        assertThat(seen).extracting(ChatEvent::seq)
                                .as("a reader sees a gap-free prefix of the log")
                                .containsExactlyElementsOf(LongStream.rangeClosed(1, seen.size()).boxed().toList());
                        reads++;
                    }
                    return reads;
                });

                start.countDown();
                List<Long> all = new ArrayList<>();
                for (Future<List<Long>> f : writes) {
                    all.addAll(f.get(3, TimeUnit.MINUTES));
                }
                writing.set(false);
                assertThat(reader.get(1, TimeUnit.MINUTES)).isPositive();
                for (Future<Integer> f : quietWrites) {
                    assertThat(f.get(1, TimeUnit.MINUTES)).isPositive();
                }

                long total = (long) WRITERS * CHANGES_PER_WRITER;
                Collections.sort(all);
                assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(2, total + 1).boxed().toList());
                List<ChatEvent> log = store.eventsAfter(hot.id(), 0, Integer.MAX_VALUE);
                assertThat(log).extracting(ChatEvent::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, total + 1).boxed().toList());
                // each message carries the seq of the event that created it
                log.stream().filter(e -> e.data() instanceof EventData.MessageCreated)
                        .forEach(e -> assertThat(((EventData.MessageCreated) e.data()).message().seq()).isEqualTo(e.seq()));
                assertThat(store.chat(hot.id()).orElseThrow().lastSeq()).isEqualTo(total + 1);
                assertThat(store.chat(hot.id()).orElseThrow().members()).containsExactly(new Membership(owner.id(), Role.OWNER));
                for (Chat chat : quiet) {
                    long last = store.chat(chat.id()).orElseThrow().lastSeq();
                    assertThat(store.eventsAfter(chat.id(), 0, Integer.MAX_VALUE)).extracting(ChatEvent::seq)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
                }
            } finally {
                writing.set(false);
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
