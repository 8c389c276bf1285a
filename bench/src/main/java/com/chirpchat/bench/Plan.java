package com.chirpchat.bench;

import java.time.Duration;

/**
 * What one run does: the full run (the numbers we publish) or {@code --quick} (a few minutes, to check the harness).
 * Every loop of the harness is bounded by a count from here and by the time budget.
 */
record Plan(
        boolean quick,
        int users,               // fanout clients per server (each user: one small chat and the large chat)
        int smallChatSize,       // many small chats: users / smallChatSize chats of this size
        int repeats,             // ladders and fixed-rate runs are repeated this often
        double warmupSeconds,    // unrecorded traffic before the first ladder of each server and shape
        double stepWarmSeconds,  // unrecorded head of every step
        double stepMeasureSeconds,
        double drainSeconds,     // after the last send: how long to wait for the remaining deliveries
        double smallStart, double smallCap,   // ladder of message rates (msg/s), doubling from start up to cap
        double largeStart, double largeCap,
        int bisections,          // after the first failing step: this many geometric bisection steps
        int maxInFlight,         // concurrent HTTP posts (open loop: sends beyond it wait and count as late)
        double lateMillis,       // a send dispatched later than this after its intended time is "behind"
        double p99LimitMillis,
        int httpSeconds, int httpWarmSeconds,
        int idleUsers, int idleConnectionsPerUser,
        int idleConnectSeconds,  // bound on the time spent opening idle connections
        String heap,
        int wsQueueSize,
        Duration budget) {

    static Plan of(boolean quick) {
        if (quick) {
            return new Plan(true, 1000, 10, 1,
                            3, 1, 3, 2,
                            100, 12800, 5, 640, 0,
                            256, 20, 100,
                            5, 2,
                            200, 10, 60,
                            "1g", 4096, Duration.ofMinutes(8));
        }
        return new Plan(false, 1000, 10, 3,
                        8, 2, 5, 2,
                        100, 25600, 5, 1280, 2,
                        256, 20, 100,
                        10, 3,
                        2000, 9, 240,
                        "1g", 4096, Duration.ofMinutes(38));
    }

    int idleTarget() {
        return idleUsers * idleConnectionsPerUser;
    }
}
