package com.chirpchat.adapters.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import com.chirpchat.domain.chat.ChatId;

/**
 * Events whose publishing failed, to be published again once Redis answers. Only the newest per channel and chat
 * is kept: a receiving router that sees it fills the older ones in from storage, so an outage costs one message per
 * chat, not a backlog. Without this, instances whose own subscriptions survived (only the publisher's connection
 * broke) would not hear of those events until the chat's next one.
 */
final class PendingResends {
    record Pending(String channel, ChatId chatId, long seq, byte[] payload) {
    }

    private final ConcurrentHashMap<String, Pending> newest = new ConcurrentHashMap<>();
    private final int limit;

    PendingResends(int limit) {
        this.limit = limit;
    }

    /** Keeps the event unless a newer one of its chat waits for the channel already; false when full. */
    boolean remember(Pending pending) {
        String key = pending.channel() + " " + pending.chatId();
        if (newest.size() >= limit && !newest.containsKey(key)) {
            return false;
        }
        newest.merge(key, pending, (old, fresh) -> fresh.seq() >= old.seq() ? fresh : old);
        return true;
    }

    /** Takes everything out; what fails again is remembered again. */
    List<Pending> drain() {
        List<Pending> drained = new ArrayList<>();
        for (var entry : newest.entrySet()) {
            if (newest.remove(entry.getKey(), entry.getValue())) {
                drained.add(entry.getValue());
            }
        }
        return drained;
    }

    boolean isEmpty() {
        return newest.isEmpty();
    }

    int size() {
        return newest.size();
    }
}
