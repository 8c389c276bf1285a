package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.user.User;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** A member who stops reading must not hold back the others: their connection is dropped, not waited for. */
class SlowConsumerTest {

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileOthersGetEverything() throws Exception {
        try (TestServer server = new TestServer(Map.of("ws.queue-size", "32", "ws.close-timeout", "PT0.5S"))) {
            User fast = server.app.user("fast");
            User slow = server.app.user("slow");
            Chat chat = server.app.chat(fast, slow);
            WsProbe reader = WsProbe.connect(server, Map.of("Authorization", "Bearer " + server.token(fast)));
            reader.next("hello");
            reader.awaitSubscribed();
            try (RawWebSocket stalled = RawWebSocket.open(server.port(), server.token(slow))) {
                await().atMost(Duration.ofSeconds(5)).until(() -> server.api.webSocketConnections() == 2);

                String text = "x".repeat(4000);
                int posted = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (server.api.webSocketConnections() == 2 && posted < 20_000 && System.nanoTime() < deadline) {
                    for (int i = 0; i < 16; i++) {
                        server.app.postMessage.post(PostMessageCommand.of(fast.id(), chat.id(), text, null));
                        posted++;
                    }
                    int expected = posted;
                    // the reader keeps up: its queue never holds more than one batch
                    await().atMost(Duration.ofSeconds(10)).until(() -> reader.messages.size() >= expected);
                }
                int postedBeforeDrop = posted;
                await().atMost(Duration.ofSeconds(10)).until(() -> server.api.webSocketConnections() == 1);
                for (int i = 0; i < 10; i++) {
                    server.app.postMessage.post(PostMessageCommand.of(fast.id(), chat.id(), "after the drop " + i, null));
                    posted++;
                }
                int total = posted;
                await().atMost(Duration.ofSeconds(10)).until(() -> reader.messages.size() >= total);

                assertThat(postedBeforeDrop).isLessThan(20_000);
                // the stalled client's TCP connection is really gone, not just sent a close frame it never reads
                assertThat(stalled.readsToTheEnd(10_000, 256L * 1024 * 1024)).isTrue();
                List<Long> seqs = new ArrayList<>();
                for (String message : reader.messages) {
                    JsonNode event = Json.mapper().readTree(message);
                    seqs.add(event.path("seq").asLong());
                }
                assertThat(seqs).hasSize(total);
                for (int i = 0; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).isEqualTo(3L + i);
                }
                assertThat(reader.closed).isNotDone();
                await().atMost(Duration.ofSeconds(5)).until(() -> server.app.fanout.follows(slow.id()) == 0);
            }
        }
    }

    @Test
    void aWriteBlockedForLongerThanTheWriteTimeoutDropsTheConnection() throws Exception {
        // a queue too big to overflow here: only the write timeout can end this connection
        try (TestServer server = new TestServer(Map.of("ws.queue-size", "8192", "ws.write-timeout", "PT1S"))) {
            User fast = server.app.user("fast");
            User slow = server.app.user("slow");
            Chat chat = server.app.chat(fast, slow);
            WsProbe reader = WsProbe.connect(server, Map.of("Authorization", "Bearer " + server.token(fast)));
            reader.next("hello");
            reader.awaitSubscribed();
            try (RawWebSocket stalled = RawWebSocket.open(server.port(), server.token(slow))) {
                await().atMost(Duration.ofSeconds(5)).until(() -> server.api.webSocketConnections() == 2);

                // more than the socket buffers of a client with a 4 KiB window can hold
                String text = "y".repeat(4000);
                for (int posted = 0; posted < 2500; ) {
                    for (int i = 0; i < 50; i++, posted++) {
                        server.app.postMessage.post(PostMessageCommand.of(fast.id(), chat.id(), text, null));
                    }
                    int expected = posted;
                    await().atMost(Duration.ofSeconds(10)).until(() -> reader.messages.size() >= expected);
                }

                await().atMost(Duration.ofSeconds(15)).until(() -> server.api.webSocketConnections() == 1);
                assertThat(stalled.readsToTheEnd(10_000, 256L * 1024 * 1024)).isTrue();
                assertThat(reader.closed).isNotDone();
            }
        }
    }
}
