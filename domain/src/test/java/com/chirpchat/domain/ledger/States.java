package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.common.Slice;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/** Builds the states the tests decide on, as a store would load them. */
final class States {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final ChatId chatId;
    private long lastSeq;
    private final Set<UserId> looked = new HashSet<>();
    private final Map<UserId, Role> roles = new HashMap<>();
    private OptionalLong owners = OptionalLong.empty();
    private OptionalLong members = OptionalLong.empty();
    private final Set<MessageId> messageKeys = new HashSet<>();
    private final Map<MessageId, Message> messages = new HashMap<>();
    private final Set<ClientKey> clientKeys = new HashSet<>();
    private final Map<ClientKey, MessageId> clientIds = new HashMap<>();
    private final Set<String> notificationKeys = new HashSet<>();
    private final Set<String> notifications = new HashSet<>();

    private States(ChatId chatId, long lastSeq) {
        this.chatId = chatId;
        this.lastSeq = lastSeq;
    }

    static States chat(ChatId chatId, long lastSeq) {
        return new States(chatId, lastSeq);
    }

    static UserId user() {
        return new UserId(UUID.randomUUID());
    }

    static MessageId messageId() {
        return new MessageId(UUID.randomUUID());
    }

    States member(UserId user, Role role) {
        looked.add(user);
        roles.put(user, role);
        return this;
    }

    /** Looked up, not a member. */
    States outsider(UserId user) {
        looked.add(user);
        return this;
    }

    States counts(long ownerCount, long memberCount) {
        owners = OptionalLong.of(ownerCount);
        members = OptionalLong.of(memberCount);
        return this;
    }

    States message(Message message) {
        messageKeys.add(message.id());
        messages.put(message.id(), message);
        return this;
    }

    States noMessage(MessageId id) {
        messageKeys.add(id);
        return this;
    }

    States clientKey(ClientKey key, Message message) {
        message(message);
        clientKeys.add(key);
        clientIds.put(key, message.id());
        return this;
    }

    States noClientKey(ClientKey key) {
        clientKeys.add(key);
        return this;
    }

    /** Looked up: handled before when {@code seen}. */
    States notification(String id, boolean seen) {
        notificationKeys.add(id);
        if (seen) {
            notifications.add(id);
        }
        return this;
    }

    ChatState build() {
        Map<String, Instant> seen = new HashMap<>();
        notifications.forEach(n -> seen.put(n, T0));
        return new ChatState(chatId, lastSeq, new Roster(Slice.of(looked, roles), owners, members), Slice.of(messageKeys, messages),
                             Slice.of(clientKeys, clientIds), Slice.of(notificationKeys, seen));
    }
}
