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
import java.util.concurrent.TimeUnit;

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

    @Test
    void whatQueuedMeanwhileIsOneWriteOfCompleteFramesInOrder() throws Exception {
        Outbox outbox = new Outbox(session(), owner(), 100, "test-writer");
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
        Outbox outbox = new Outbox(session(), owner(), 100, "test-writer");
        outbox.start();
        EventFrame one = EventFrame.of(event(1));
        outbox.offer(one);
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.size() == 1);
        assertThat(writes.getFirst()).isEqualTo(one.bytes());
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
