package com.chirpchat.bootstrap.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.chirpchat.bootstrap.support.Socket;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fault suite's referee: compares every frame each watched socket received with the chat's event log and
 * names what went wrong — events lost (in the log after the socket's start, never received), duplicated, reordered,
 * received across a gap (a later seq before an earlier one ever came), not matching the log, or received after the
 * user's removal. "Every connected member gets every committed event once, in order" is exactly: no problems.
 */
public final class DeliveryCheck {
    private final List<Watch> watches = new ArrayList<>();

    /**
     * What one socket must receive of one chat: every event after {@code fromSeq} (the chat's last seq once the
     * socket had its hello, or just before the user joined) up to {@code untilSeq} (their removal; else the end).
     */
    public record Watch(String label, Socket socket, String chatId, long fromSeq, long untilSeq) {
    }

    public DeliveryCheck watch(String label, Socket socket, String chatId, long fromSeq) {
        return watch(label, socket, chatId, fromSeq, Long.MAX_VALUE);
    }

    public DeliveryCheck watch(String label, Socket socket, String chatId, long fromSeq, long untilSeq) {
        watches.add(new Watch(label, socket, chatId, fromSeq, untilSeq));
        return this;
    }

    /**
     * Waits (polling, at most {@code timeout}) until every socket has the end of what it must receive, then
     * returns the problems found; {@code logs} reads a chat's log.
     */
    public List<String> awaitAndCheck(Function<String, EventLog> logs, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, EventLog> read = new HashMap<>();
        watches.forEach(w -> read.computeIfAbsent(w.chatId(), logs));
        while (System.nanoTime() < deadline && !watches.stream().allMatch(w -> complete(w, read.get(w.chatId())))) {
            sleep(Duration.ofMillis(50));
        }
        List<String> problems = new ArrayList<>();
        for (Watch watch : watches) {
            problems.addAll(problems(watch, read.get(watch.chatId())));
        }
        return problems;
    }

    private static boolean complete(Watch watch, EventLog log) {
        long end = Math.min(watch.untilSeq(), log.lastSeq());
        return end <= watch.fromSeq() || watch.socket().seqs(watch.chatId()).contains(end);
    }

    static List<String> problems(Watch watch, EventLog log) {
        String who = watch.label() + " / chat " + watch.chatId();
        List<String> problems = new ArrayList<>();
        List<JsonNode> frames = watch.socket().history().stream()
                .filter(f -> watch.chatId().equals(f.path("chatId").asText()) && f.has("seq")).toList();
        Set<Long> seen = new LinkedHashSet<>();
        long previous = Long.MIN_VALUE;
        for (JsonNode frame : frames) {
            long seq = frame.get("seq").asLong();
            if (!seen.add(seq)) {
                problems.add(who + ": seq " + seq + " duplicated");
            } else if (seq < previous) {
                problems.add(who + ": seq " + seq + " reordered (after " + previous + ")");
            }
            if (seq > log.lastSeq()) {
                problems.add(who + ": seq " + seq + " is not in the log");
                continue;
            }
            if (seq > watch.untilSeq()) {
                problems.add(who + ": seq " + seq + " received after the user's removal at " + watch.untilSeq());
            }
            JsonNode logged = log.at(seq);
            if (!logged.get("type").equals(frame.get("type")) || !logged.get("data").equals(frame.get("data"))) {
                problems.add(who + ": seq " + seq + " is " + frame + " but the log has " + logged);
            }
            previous = Math.max(previous, seq);
        }
        long end = Math.min(watch.untilSeq(), log.lastSeq());
        List<Long> lost = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        long highest = seen.stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
        for (long seq = watch.fromSeq() + 1; seq <= end; seq++) {
            if (!seen.contains(seq)) {
                (seq < highest ? gaps : lost).add(seq);
            }
        }
        if (!gaps.isEmpty()) {
            problems.add(who + ": gaps at " + gaps + " (received " + List.copyOf(seen) + ")");
        }
        if (!lost.isEmpty()) {
            problems.add(who + ": lost " + lost + " (received " + List.copyOf(seen) + ")");
        }
        return problems;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
