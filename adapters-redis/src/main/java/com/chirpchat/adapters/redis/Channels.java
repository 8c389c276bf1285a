package com.chirpchat.adapters.redis;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;

/**
 * Channel names: one per chat and one per user, never a firehose. The id sits in a {@code {hash tag}} so that a
 * Redis Cluster keeps each channel on one slot, which is what lets sharded Pub/Sub spread channels over shards.
 */
final class Channels {
    private final String chatPrefix;
    private final String userPrefix;

    Channels(String prefix) {
        this.chatPrefix = prefix + ":chat:{";
        this.userPrefix = prefix + ":user:{";
    }

    String chat(ChatId chatId) {
        return chatPrefix + chatId + "}";
    }

    String user(UserId userId) {
        return userPrefix + userId + "}";
    }
}
