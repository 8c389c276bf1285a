package com.chirpchat.application.event;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.chirpchat.domain.chat.ChatId;

/**
 * The streams of the chats with local listeners; the fanout follows exactly these chats. A stream is followed
 * before it becomes visible, so whoever closes it can always unfollow it.
 */
final class ChatStreams {
    private final ConcurrentHashMap<ChatId, ChatStream> streams = new ConcurrentHashMap<>();
    private final ChatEventFanout fanout;
    private final SinkRegistry registry;
    private final LiveSettings settings;

    ChatStreams(ChatEventFanout fanout, SinkRegistry registry, LiveSettings settings) {
        this.fanout = fanout;
        this.registry = registry;
        this.settings = settings;
    }

    /** A stream and whether it was just opened (and then needs catching up from storage). */
    record Opened(ChatStream stream, boolean fresh) {
    }

    Optional<ChatStream> find(ChatId chatId) {
        return Optional.ofNullable(streams.get(chatId));
    }

    /** The chat's stream, opening (and following) it at {@code cursor} when there is none. */
    Opened open(ChatId chatId, long cursor) {
        ChatStream existing = streams.get(chatId);
        if (existing != null) {
            return new Opened(existing, false);
        }
        fanout.follow(chatId);
        ChatStream fresh = new ChatStream(chatId, cursor, this, registry, settings);
        existing = streams.putIfAbsent(chatId, fresh);
        if (existing != null) {
            fanout.unfollow(chatId);
            return new Opened(existing, false);
        }
        return new Opened(fresh, true);
    }

    Collection<ChatStream> all() {
        return List.copyOf(streams.values());
    }

    int size() {
        return streams.size();
    }

    /** The stream closed (its lock is held): the chat's next listener opens a new one. */
    void remove(ChatStream stream) {
        streams.remove(stream.chatId(), stream);
    }

    /** Once per closed stream, outside its lock. */
    void unfollow(ChatId chatId) {
        fanout.unfollow(chatId);
    }
}
