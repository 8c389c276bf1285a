package com.chirpchat.adapters.persistence.ledger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.chirpchat.adapters.persistence.db.Transience;
import com.chirpchat.domain.chat.ChatId;

/**
 * Turns at a chat: at most {@code writers} of this instance's changes to one chat hold a pooled connection at once;
 * the others wait here, on their own (virtual) threads, at most {@code wait}, and are then refused as unavailable.
 * Changes to a chat take turns at its row lock anyway, so more connections would only queue in the database, and
 * when that lock is held by a frozen instance, one busy chat would take the whole pool — and with it every other
 * chat's requests and the reads of this instance. A chat's entry lives while someone holds or waits for a turn.
 */
public final class ChatTurns {
    private final ConcurrentHashMap<ChatId, Turns> chats = new ConcurrentHashMap<>();
    private final int writers;
    private final Duration wait;

    public ChatTurns(int writers, Duration wait) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        this.writers = writers;
        this.wait = wait;
    }

    /** Runs {@code change} in one of the chat's turns. */
    public <T> T run(ChatId chatId, Supplier<T> change) {
        Turns turns = chats.compute(chatId, (id, existing) -> (existing == null ? new Turns(writers) : existing).enter());
        try {
            if (!turns.permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw Transience.unavailable();
            }
            try {
                return change.get();
            } finally {
                turns.permits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Transience.unavailable();
        } finally {
            chats.computeIfPresent(chatId, (id, existing) -> existing.leave());
        }
    }

    /** Chats with someone in or waiting for a turn (for tests). */
    int busyChats() {
        return chats.size();
    }

    /** A chat's turns and how many hold or wait for one; the count changes only inside the map's compute. */
    private static final class Turns {
        final Semaphore permits;
        int users;

        Turns(int writers) {
            this.permits = new Semaphore(writers, true);
        }

        Turns enter() {
            users++;
            return this;
        }

        /** Null (the entry goes) once nobody holds or waits. */
        Turns leave() {
            return --users == 0 ? null : this;
        }
    }
}
