package com.chirpchat.application.event;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;

/**
 * Which local connections there are, per user, and which chats each one listens to. A connection's chat set
 * exists from {@link #open} to {@link #close}: joining a chat after the close is refused, so a connection
 * closing while a membership event adds it somewhere leaves nothing behind.
 */
final class SinkRegistry {
    private final ConcurrentHashMap<UserId, Set<EventSink>> sinksByUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EventSink, Set<ChatId>> chatsBySink = new ConcurrentHashMap<>();

    void open(EventSink sink) {
        chatsBySink.put(sink, ConcurrentHashMap.newKeySet());
        sinksByUser.computeIfAbsent(sink.userId(), u -> ConcurrentHashMap.newKeySet()).add(sink);
    }

    /** Forgets the connection; returns the chats it listened to (empty if it was closed already). */
    Set<ChatId> close(EventSink sink) {
        sinksByUser.computeIfPresent(sink.userId(), (u, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
        Set<ChatId> chats = chatsBySink.remove(sink);
        return chats == null ? Set.of() : chats;
    }

    /** Whether the user has a connection here. */
    boolean hasConnections(UserId user) {
        return sinksByUser.containsKey(user);
    }

    /** The users with connections here (a snapshot). */
    List<UserId> users() {
        return List.copyOf(sinksByUser.keySet());
    }

    /** Whether the connection listens to the chat. */
    boolean listensTo(EventSink sink, ChatId chat) {
        Set<ChatId> chats = chatsBySink.get(sink);
        return chats != null && chats.contains(chat);
    }

    /** The user's open connections (a live view). */
    Set<EventSink> connectionsOf(UserId user) {
        return sinksByUser.getOrDefault(user, Set.of());
    }

    /** Records that the connection listens to the chat; false when it has been closed meanwhile. */
    boolean joined(EventSink sink, ChatId chat) {
        return chatsBySink.computeIfPresent(sink, (s, chats) -> {
            chats.add(chat);
            return chats;
        }) != null;
    }

    /** Records that the connection no longer listens to the chat. */
    void left(EventSink sink, ChatId chat) {
        chatsBySink.computeIfPresent(sink, (s, chats) -> {
            chats.remove(chat);
            return chats;
        });
    }
}
