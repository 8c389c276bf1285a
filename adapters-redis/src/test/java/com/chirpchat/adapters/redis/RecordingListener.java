package com.chirpchat.adapters.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;

/** Keeps what a fanout delivers, and on which kind of thread. */
final class RecordingListener implements ChatEventListener {
    final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger reconnects = new AtomicInteger();
    /** What came with each event as its rendering (null: none). */
    final List<Object> renderings = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ChatEvent event) {
        renderings.add(null);
        record(event);
    }

    @Override
    public void onEvent(ChatEvent event, Object rendering) {
        renderings.add(rendering);
        record(event);
    }

    private void record(ChatEvent event) {
        events.add(event);
        threads.add(Thread.currentThread().isVirtual() ? "virtual" : Thread.currentThread().getName());
    }

    @Override
    public void onReconnected() {
        reconnects.incrementAndGet();
    }

    List<Long> seqs(ChatId chat) {
        return events.stream().filter(e -> e.chatId().equals(chat)).map(ChatEvent::seq).toList();
    }

    boolean has(ChatId chat, long seq) {
        return events.stream().anyMatch(e -> e.chatId().equals(chat) && e.seq() == seq);
    }
}
