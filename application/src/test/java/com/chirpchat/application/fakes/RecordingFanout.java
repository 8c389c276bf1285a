package com.chirpchat.application.fakes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.application.event.ChatEventFanout;
import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;

/**
 * A fanout that records what is published and follow counts. It delivers published events to the listener
 * at once unless {@link #hold()} is on; held events can then be released in any order, duplicated or dropped.
 */
public final class RecordingFanout implements ChatEventFanout {
    public final List<ChatEvent> published = new CopyOnWriteArrayList<>();
    public final Map<ChatId, AtomicInteger> chatFollows = new ConcurrentHashMap<>();
    public final Map<UserId, AtomicInteger> userFollows = new ConcurrentHashMap<>();
    private volatile ChatEventListener listener;
    private volatile boolean holding;

    @Override
    public void listen(ChatEventListener listener) {
        this.listener = listener;
    }

    @Override
    public void publish(ChatEvent event) {
        published.add(event);
        if (!holding && listener != null) {
            listener.onEvent(event);
        }
    }

    /** From now on, published events are only recorded; use {@link #deliver} to hand them over. */
    public void hold() {
        holding = true;
    }

    public void deliver(ChatEvent event) {
        listener.onEvent(event);
    }

    public void reconnected() {
        listener.onReconnected();
    }

    @Override
    public void follow(ChatId chatId) {
        chatFollows.computeIfAbsent(chatId, c -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void unfollow(ChatId chatId) {
        chatFollows.computeIfAbsent(chatId, c -> new AtomicInteger()).decrementAndGet();
    }

    @Override
    public void followUser(UserId userId) {
        userFollows.computeIfAbsent(userId, c -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void unfollowUser(UserId userId) {
        userFollows.computeIfAbsent(userId, c -> new AtomicInteger()).decrementAndGet();
    }

    public int follows(ChatId chatId) {
        AtomicInteger count = chatFollows.get(chatId);
        return count == null ? 0 : count.get();
    }

    public int follows(UserId userId) {
        AtomicInteger count = userFollows.get(userId);
        return count == null ? 0 : count.get();
    }
}
