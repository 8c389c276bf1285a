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
 * at once, on the publishing thread, unless {@link #hold()} is on; held events can then be released in any order,
 * duplicated or dropped. {@link #peer()} makes another instance on the same fake network: like Redis, it hears
 * the events of the chats (and membership events of the users) it follows, but synchronously.
 */
public final class RecordingFanout implements ChatEventFanout {
    public final List<ChatEvent> published = new CopyOnWriteArrayList<>();
    public final Map<ChatId, AtomicInteger> chatFollows = new ConcurrentHashMap<>();
    public final Map<UserId, AtomicInteger> userFollows = new ConcurrentHashMap<>();
    /** What the listener threw; the fanout goes on, as every fanout must. */
    public final List<RuntimeException> listenerFailures = new CopyOnWriteArrayList<>();
    private final List<RecordingFanout> network;
    private volatile ChatEventListener listener;
    private volatile boolean holding;

    public RecordingFanout() {
        this(new CopyOnWriteArrayList<>());
    }

    private RecordingFanout(List<RecordingFanout> network) {
        this.network = network;
        network.add(this);
    }

    /** Another instance on this one's network. */
    public RecordingFanout peer() {
        return new RecordingFanout(network);
    }

    @Override
    public void listen(ChatEventListener listener) {
        this.listener = listener;
    }

    @Override
    public void publish(ChatEvent event) {
        published.add(event);
        if (holding) {
            return;
        }
        take(event);
        for (RecordingFanout peer : network) {
            if (peer != this && peer.wants(event)) {
                peer.take(event);
            }
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

    private boolean wants(ChatEvent event) {
        return follows(event.chatId()) > 0 || event.data().memberConcerned().map(user -> follows(user) > 0).orElse(false);
    }

    private void take(ChatEvent event) {
        ChatEventListener current = listener;
        if (current == null) {
            return;
        }
        try {
            current.onEvent(event);
        } catch (RuntimeException e) {
            listenerFailures.add(e);
        }
    }
}
