package com.chirpchat.bootstrap.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Talks to Redis for tests with plain RESP over a socket (no client library needed): the shared server the README
 * names, or a private {@code redis-server} process a test starts and stops itself.
 */
public final class Redis implements AutoCloseable {
    public static final String SHARED_URL = "redis://127.0.0.1:6379/0";

    private final int port;
    private final Process process;

    private Redis(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** The shared Redis on 127.0.0.1:6379; fails with instructions when it is down. */
    public static Redis shared() {
        Redis redis = new Redis(6379, null);
        try {
            redis.command("PING");
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Redis is not reachable at 127.0.0.1:6379 — start it: redis-server --daemonize yes "
                                                    + "--bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no "
                                                    + "--dir /var/lib/redis --logfile /var/log/redis/ci.log", e);
        }
        return redis;
    }

    /** Starts a private redis-server on a free loopback port. */
    public static Redis startPrivate(Path dir) {
        return startPrivate(dir, freePort());
    }

    public static Redis startPrivate(Path dir, int port) {
        try {
            Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                                                 "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
                    .start();
            Redis redis = new Redis(port, process);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    redis.command("PING");
                    return redis;
                } catch (IllegalStateException notYet) {
                    Cluster.sleep(Duration.ofMillis(50));
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("redis-server did not start on port " + port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-server (is it installed?): " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Kills every client connection whose name contains {@code namePart}; returns how many. */
    public int killClientsNamed(String namePart) {
        String list = command("CLIENT", "LIST");
        int killed = 0;
        for (String line : list.split("\n")) {
            if (line.contains("name=") && line.substring(line.indexOf("name=")).split(" ")[0].contains(namePart)) {
                String id = line.substring(line.indexOf("id=") + 3).split(" ")[0];
                command("CLIENT", "KILL", "ID", id);
                killed++;
            }
        }
        return killed;
    }

    /** Sends one command and returns the reply as text (bulk strings and integers; errors throw). */
    public String command(String... args) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first == null) {
                throw new IllegalStateException("no reply");
            }
            return switch (first.charAt(0)) {
                case '+', ':' -> first.substring(1);
                case '-' -> throw new IllegalStateException("Redis error: " + first.substring(1));
                case '$' -> {
                    int length = Integer.parseInt(first.substring(1));
                    if (length < 0) {
                        yield "";
                    }
                    char[] body = new char[length];
                    int read = 0;
                    List<String> chunks = new ArrayList<>();
                    while (read < length) {
                        int n = in.read(body, read, length - read);
                        if (n < 0) {
                            break;
                        }
                        read += n;
                    }
                    chunks.add(new String(body, 0, read));
                    yield String.join("", chunks);
                }
                default -> first;
            };
        } catch (IOException e) {
            throw new IllegalStateException("Redis at 127.0.0.1:" + port + " did not answer: " + e.getMessage(), e);
        }
    }

    /** Stops a private server (like a crash: no goodbye to clients). */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
