package com.chirpchat.adapters.http.ws;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.EventFrame;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.SocketContext;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The writer puts everything queued on the socket in one write: the shared event frames' bytes as they are. */
class OutboxTest {
    private final List<byte[]> writes = new CopyOnWriteArrayList<>();
    private final List<String> sessionCalls = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Every writer thread the outbox started, in order. */
    private final List<Thread> started = new CopyOnWriteArrayList<>();
    /** Runs on a writer's thread once its drain has returned, before the thread ends. */
    private volatile Runnable afterDrain = () -> { };
    private final ThreadFactory writers = task -> {
        Thread thread = Thread.ofVirtual().name("test-writer").unstarted(() -> {
            task.run();
            afterDrain.run();
        });
        started.add(thread);
        return thread;
    };
    /** Runs on the writer's thread inside each raw write, after the bytes were taken. */
    private volatile Runnable duringWrite = () -> { };

    @Test
    void whatQueuedMeanwhileIsOneWriteOfCompleteFramesInOrder() throws Exception {
        Outbox outbox = new Outbox(session(), owner(), 100, writers);
        EventFrame one = EventFrame.of(event(1));
        EventFrame two = EventFrame.of(event(2));
        assertThat(outbox.offer("hello")).isTrue();
        assertThat(outbox.offer(one)).isTrue();
        assertThat(outbox.offer(two)).isTrue();
        assertThat(outbox.offerPong(new byte[] {1})).isTrue();
        assertThat(outbox.offer(one)).isTrue(); // the same shared frame for a second time
        assertThat(outbox.offerClose(1000, "bye")).isTrue();
        outbox.start();
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).isEqualTo(concat(EventFrame.textFrame("hello".getBytes(StandardCharsets.UTF_8)), one.bytes(), two.bytes()));
        assertThat(writes.get(1)).isEqualTo(one.bytes());
        assertThat(sessionCalls).as("pong and close in their place, after the frames before them")
                .containsExactly("pong after 1 write(s)", "close 1000 after 2 write(s)");
    }

    @Test
    void aFrameQueuedWhileTheWriterIdlesIsWrittenAtOnce() {
        Outbox outbox = new Outbox(session(), owner(), 100, writers);
        outbox.start();
        EventFrame one = EventFrame.of(event(1));
        outbox.offer(one);
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.size() == 1);
        assertThat(writes.getFirst()).isEqualTo(one.bytes());
    }

    @Test
    void anIdleOutboxHasNoWriterAndTheNextFrameStartsOne() throws Exception {
        Outbox outbox = new Outbox(session(), owner(), 100, writers);
        outbox.start();
        assertThat(started).as("nothing to write, no writer").isEmpty();
        assertThat(outbox.writing()).isFalse();

        EventFrame one = EventFrame.of(event(1));
        outbox.offer(one);
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.size() == 1);
        started.getFirst().join(Duration.ofSeconds(10));
        assertThat(started.getFirst().isAlive()).as("the writer ends once the queue is empty").isFalse();
        assertThat(outbox.writing()).isFalse();

        EventFrame two = EventFrame.of(event(2));
        outbox.offer(two);
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.size() == 2);
        assertThat(writes.get(1)).isEqualTo(two.bytes());
        assertThat(started).hasSize(2);
    }

    @Test
    void aFrameOfferedDuringTheLastWriteIsWrittenByTheSameWriter() throws Exception {
        Outbox outbox = new Outbox(session(), owner(), 100, writers);
        EventFrame one = EventFrame.of(event(1));
        EventFrame two = EventFrame.of(event(2));
        CountDownLatch once = new CountDownLatch(1);
        duringWrite = () -> {
            if (once.getCount() > 0) {
                once.countDown();
                // another thread offers while the writer is in its (so far) last write
                Thread producer = Thread.ofVirtual().start(() -> outbox.offer(two));
                try {
                    producer.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        };
        outbox.start();
        outbox.offer(one);
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.size() == 2);
        assertThat(writes).containsExactly(one.bytes(), two.bytes());
        assertThat(started).as("the running writer took it").hasSize(1);
    }

    @Test
    void aFrameOfferedWhileTheWriterIsEndingIsWrittenByTheNextOne() throws Exception {
        Outbox outbox = new Outbox(session(), owner(), 100, writers);
        EventFrame one = EventFrame.of(event(1));
        EventFrame two = EventFrame.of(event(2));
        CountDownLatch firstEnding = new CountDownLatch(1);
        CountDownLatch secondWrote = new CountDownLatch(1);
        afterDrain = () -> {
            if (Thread.currentThread() == started.getFirst()) {
                firstEnding.countDown();
                try {
                    // the first writer has given up the queue but its thread has not ended yet
                    assertThat(secondWrote.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        };
        duringWrite = () -> {
            if (writes.size() == 2) {
                secondWrote.countDown();
            }
        };
        outbox.start();
        outbox.offer(one);
        assertThat(firstEnding.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(started.getFirst().isAlive()).isTrue();

        outbox.offer(two);
        assertThat(secondWrote.await(10, TimeUnit.SECONDS)).as("sent without waiting for the ending writer").isTrue();
        assertThat(writes).containsExactly(one.bytes(), two.bytes());
        assertThat(started).hasSize(2);
    }

    @Test
    void manyProducersKeepTheirOrderAndNeverTwoWritersAtOnce() throws Exception {
        int producers = 8;
        int each = 500;
        Outbox outbox = new Outbox(session(), owner(), producers * each, writers);
        AtomicInteger inWrite = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        duringWrite = () -> {
            if (inWrite.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.yield(); // give an overlapping writer every chance to show itself
            inWrite.decrementAndGet();
        };
        outbox.start();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < each; i++) {
                    assertThat(outbox.offer(producer + ":" + i)).isTrue();
                    if (i % 50 == 0) {
                        Thread.yield(); // let the writer catch up and end now and then
                    }
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> texts().size() == producers * each);

        assertThat(overlaps.get()).as("writes overlapping").isZero();
        int[] next = new int[producers];
        for (String text : texts()) {
            String[] parts = text.split(":");
            int producer = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).as("order of producer " + producer).isEqualTo(next[producer]);
            next[producer]++;
        }
    }

    @Test
    void afterTheCloseFrameNothingIsWrittenAndNoWriterStarts() throws Exception {
        Outbox outbox = new Outbox(session(), owner(), 100, writers);
        outbox.offer("last");
        outbox.offerClose(1000, "bye");
        outbox.start();
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        started.getFirst().join(Duration.ofSeconds(10));

        assertThat(outbox.offer("after")).as("dropped, not a slow consumer").isTrue();
        assertThat(outbox.offerPong(new byte[] {1})).isTrue();
        assertThat(started).hasSize(1);
        assertThat(outbox.writing()).isFalse();
        assertThat(writes).containsExactly(EventFrame.textFrame("last".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFullQueueRefusesAndStopEndsTheWriterAfterItsCurrentWrite() throws Exception {
        Outbox outbox = new Outbox(session(), owner(), 2, writers);
        CountDownLatch inWrite = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        duringWrite = () -> {
            inWrite.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        outbox.start();
        outbox.offer("one");
        assertThat(inWrite.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(outbox.offer("two")).isTrue();
        assertThat(outbox.offer("three")).isTrue();
        assertThat(outbox.offer("four")).as("queue of 2 full").isFalse();

        Thread stopper = Thread.ofVirtual().start(() -> {
            try {
                assertThat(outbox.stop(10_000)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.WAITING
                || stopper.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        stopper.join(Duration.ofSeconds(10));
        assertThat(stopper.isAlive()).isFalse();
        assertThat(texts()).containsExactly("one");
        assertThat(outbox.writing()).isFalse();
    }

    /** The texts of every text frame written, in order. */
    private List<String> texts() {
        List<String> texts = new java.util.ArrayList<>();
        for (byte[] write : writes) {
            int at = 0;
            while (at < write.length) {
                int length = write[at + 1] & 0x7f;
                int header = length < 126 ? 2 : 4;
                if (length == 126) {
                    length = ((write[at + 2] & 0xff) << 8) | (write[at + 3] & 0xff);
                }
                texts.add(new String(write, at + header, length, StandardCharsets.UTF_8));
                at += header + length;
            }
        }
        return texts;
    }

    private static ChatEvent event(long seq) {
        return new ChatEvent(new ChatId(UUID.randomUUID()), seq, Instant.parse("2026-12-02T12:00:00Z"),
                             new EventData.MemberAdded(new UserId(UUID.randomUUID()), Role.MEMBER));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private Outbox.Owner owner() {
        return new Outbox.Owner() {
            @Override
            public void closeFrameSent() {
                closed.countDown();
            }

            @Override
            public void writeFailed(RuntimeException e) {
                throw new AssertionError(e);
            }
        };
    }

    private WsSession session() {
        DataWriter writer = new DataWriter() {
            @Override
            public void write(BufferData... buffers) {
                throw new AssertionError("only writeNow");
            }

            @Override
            public void write(BufferData buffer) {
                throw new AssertionError("only writeNow");
            }

            @Override
            public void writeNow(BufferData... buffers) {
                throw new AssertionError("one buffer per write");
            }

            @Override
            public void writeNow(BufferData buffer) {
                byte[] bytes = new byte[buffer.available()];
                buffer.read(bytes);
                writes.add(bytes);
                duringWrite.run();
            }
        };
        ConnectionContext context = (ConnectionContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConnectionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "dataWriter" -> writer;
                    case "toString" -> "test context";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new WsSession() {
            @Override
            public WsSession send(String text, boolean last) {
                throw new AssertionError("text goes out as raw frames");
            }

            @Override
            public WsSession send(BufferData bufferData, boolean last) {
                throw new AssertionError("no binary frames");
            }

            @Override
            public WsSession ping(BufferData bufferData) {
                throw new AssertionError("no pings");
            }

            @Override
            public WsSession pong(BufferData bufferData) {
                sessionCalls.add("pong after " + writes.size() + " write(s)");
                return this;
            }

            @Override
            public WsSession close(int code, String reason) {
                sessionCalls.add("close " + code + " after " + writes.size() + " write(s)");
                return this;
            }

            @Override
            public WsSession terminate() {
                return this;
            }

            @Override
            public SocketContext socketContext() {
                return context;
            }
        };
    }
}
