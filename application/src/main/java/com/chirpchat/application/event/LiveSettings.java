package com.chirpchat.application.event;

import java.time.Duration;

/** What every chat stream of one router shares. */
record LiveSettings(Duration reorderWindow, TaskScheduler scheduler, CatchUp catchUp, LiveMetrics metrics) {
    LiveSettings {
        if (reorderWindow.isNegative()) {
            throw new IllegalArgumentException("reorder window must not be negative");
        }
    }
}
