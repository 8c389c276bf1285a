package com.chirpchat.application.contract;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;

import static org.awaitility.Awaitility.await;

/** A fanout's listener in the contract suite: keeps what it hears, and can be told to fail on some events. */
public final class HeardEvents implements ChatEventListener {
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final Duration deadline;
    private volatile Predicate<ChatEvent> failOn = event -> false;

    HeardEvents(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void onEvent(ChatEvent event) {
        events.add(event);
        if (failOn.test(event)) {
            failures.incrementAndGet();
            throw new IllegalStateException("listener refuses " + event.chatId() + "#" + event.seq());
        }
    }

    @Override
    public void onReconnected() {
    }

    /** From now on, throws (after recording) for the events {@code which} accepts. */
    void failOn(Predicate<ChatEvent> which) {
        failOn = which;
    }

    int failures() {
        return failures.get();
    }

    /** The sequence numbers heard for the chat, in the order they came. */
    List<Long> seqs(ChatId chat) {
        return events.stream().filter(e -> e.chatId().equals(chat)).map(ChatEvent::seq).toList();
    }

    boolean has(ChatId chat, long seq) {
        return events.stream().anyMatch(e -> e.chatId().equals(chat) && e.seq() == seq);
    }

    /** Waits, up to the suite's deadline, until the event has been heard. */
    void awaitEvent(ChatId chat, long seq) {
        await("event " + chat + "#" + seq).atMost(deadline).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> has(chat, seq));
    }
}
