package com.chirpchat.adapters.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;
import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;

import static org.assertj.core.api.Assertions.fail;

/** The shared Redis the integration tests use, and small helpers around it. */
final class RedisSupport {
    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;
    static final String URI = "redis://" + HOST + ":" + PORT + "/0";
    static final String NOT_REACHABLE = "Redis is not reachable at 127.0.0.1:6379 — start it: redis-server --daemonize yes "
            + "--bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log";

    private RedisSupport() {
    }

    /** Fails (never skips) when the shared Redis does not answer PING. */
    static void requireRedis() {
        if (!answersPing(PORT, Duration.ofSeconds(2))) {
            fail(NOT_REACHABLE);
        }
    }

    static boolean answersPing(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    /** A channel prefix no other test (or other engineer's run) uses. */
    static String uniquePrefix() {
        return "test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    static RedisFanoutSettings settings(String uri, String prefix, boolean sharded, String instanceId) {
        return RedisFanoutSettings.builder()
                .uri(uri)
                .channelPrefix(prefix)
                .sharded(sharded)
                .instanceId(instanceId)
                .commandTimeout(Duration.ofSeconds(2))
                .maxReconnectDelay(Duration.ofMillis(300))
                .build();
    }

    static ChatId chat() {
        return new ChatId(UUID.randomUUID());
    }

    static UserId user() {
        return new UserId(UUID.randomUUID());
    }

    static ChatEvent deleted(ChatId chat, long seq) {
        return new ChatEvent(chat, seq, Instant.now(), new EventData.MessageDeleted(new MessageId(UUID.randomUUID())));
    }

    static ChatEvent memberAdded(ChatId chat, long seq, UserId user) {
        return new ChatEvent(chat, seq, Instant.now(), new EventData.MemberAdded(user, Role.MEMBER));
    }

    /**
     * {@code CLIENT KILL ID <id> TYPE pubsub|normal} for the fanout's subscribed ({@code sub}) or command ({@code pub})
     * connection: the type filter of a plain {@code CLIENT KILL TYPE ...}, narrowed to this fanout so that other
     * users of the shared Redis are left alone. Returns how many connections were killed.
     */
    static int kill(RedisCommands<String, String> admin, RedisFanout fanout, String kind) {
        String name = "chirpchat:" + fanout.origin() + ":" + kind;
        int killed = 0;
        for (long id : clientIds(admin, name)) {
            KillArgs byType = kind.equals("sub") ? KillArgs.Builder.typePubsub() : KillArgs.Builder.typeNormal();
            killed += admin.clientKill(byType.id(id)).intValue();
        }
        return killed;
    }

    static List<Long> clientIds(RedisCommands<String, String> admin, String name) {
        List<Long> ids = new ArrayList<>();
        for (String line : admin.clientList().split("\n")) {
            String id = null;
            String clientName = null;
            for (String field : line.trim().split(" ")) {
                if (field.startsWith("id=")) {
                    id = field.substring(3);
                } else if (field.startsWith("name=")) {
                    clientName = field.substring(5);
                }
            }
            if (id != null && name.equals(clientName)) {
                ids.add(Long.parseLong(id));
            }
        }
        return ids;
    }
}
