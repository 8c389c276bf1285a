package com.chirpchat.bench.bare;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * The fanout ceiling: a bare Helidon 4.1.2 WebSocket broadcast server with no auth, no database and no Redis, plus
 * the hello-world HTTP baseline.
 * <ul>
 *     <li>{@code GET /ws?rooms=a,b} joins the listed rooms;</li>
 *     <li>{@code POST /publish/{room}} sends the request body, as is, as one text frame to every socket in the room
 *     (204);</li>
 *     <li>{@code GET /hello} answers {@code Hello World!}.</li>
 * </ul>
 * Like ChirpChat, every connection has one writer: a virtual thread draining a bounded queue, because Helidon
 * 4.1.2's {@code WsSession.send} is not thread-safe. A full queue drops the frame (the harness then counts a
 * missing delivery, which fails the step) instead of blocking the publisher.
 * <p>
 * Usage: {@code BareServer PORT [QUEUE_SIZE]}.
 */
public final class BareServer {
    private static final ConcurrentHashMap<String, Set<Conn>> ROOMS = new ConcurrentHashMap<>();
    private static final AtomicLong DROPPED = new AtomicLong();
    private static int queueSize = 4096;

    private BareServer() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        int port = Integer.parseInt(args[0]);
        if (args.length > 1) {
            queueSize = Integer.parseInt(args[1]);
        }
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .idleConnectionTimeout(Duration.ofMinutes(30))
                .featuresDiscoverServices(false)
                .addProtocol(WsConfig.builder().maxFrameLength(65536).build())
                .routing(routing -> routing
                        .get("/hello", (req, res) -> res.send("Hello World!"))
                        .get("/observe/health", (req, res) -> res.send("{\"status\":\"UP\"}"))
                        .get("/stats", (req, res) -> res.send("{\"dropped\":" + DROPPED.get() + ",\"rooms\":" + ROOMS.size() + "}"))
                        .post("/publish/{room}", (req, res) -> {
                            String body = req.content().as(String.class);
                            Set<Conn> room = ROOMS.get(req.path().pathParameters().get("room"));
                            if (room != null) {
                                for (Conn conn : room) {
                                    conn.offer(body);
                                }
                            }
                            res.status(Status.NO_CONTENT_204).send();
                        }))
                .addRouting(WsRouting.builder().endpoint("/ws", Conn::new))
                .build()
                .start();
        System.out.println("bare server listening on http://127.0.0.1:" + server.port());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::stop));
    }

    /** One connection: its rooms and its single writer. */
    private static final class Conn implements WsListener {
        private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(queueSize);
        private volatile List<String> rooms = List.of();
        private volatile WsSession session;
        private volatile Thread writer;

        @Override
        public java.util.Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            rooms = prologue.query().contains("rooms")
                    ? List.of(prologue.query().get("rooms").split(","))
                    : List.of();
            return java.util.Optional.empty();
        }

        @Override
        public void onOpen(WsSession session) {
            this.session = session;
            writer = Thread.ofVirtual().name("bare-ws-writer").start(this::drain);
            for (String room : rooms) {
                ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(this);
            }
            offer("{\"type\":\"hello\"}");
        }

        void offer(String text) {
            if (!queue.offer(text)) {
                DROPPED.incrementAndGet();
            }
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            // clients send nothing we need
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            leave();
        }

        @Override
        public void onError(WsSession session, Throwable t) {
            leave();
        }

        private void leave() {
            for (String room : rooms) {
                Set<Conn> members = ROOMS.get(room);
                if (members != null) {
                    members.remove(this);
                }
            }
            Thread w = writer;
            if (w != null) {
                w.interrupt();
            }
        }

        private void drain() {
            try {
                while (true) {
                    String text = queue.take();
                    session.send(text, true);
                }
            } catch (InterruptedException e) {
                // closed
            } catch (RuntimeException e) {
                leave();
            }
        }
    }
}
