package com.chirpchat.adapters.persistence.ledger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.chirpchat.adapters.persistence.chat.Members;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.media.Notifications;
import com.chirpchat.adapters.persistence.message.MessageRepository;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.common.Slice;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/**
 * Reads, inside the transaction holding the chat's row, exactly what a change concerns: one statement per kind of
 * thing asked for (the members' roles, unless the lock read them already, the counts, the messages, the client keys,
 * the notifications, the pending uploads of leaving members), none for what
 * it doesn't ask, so a post reads one member row and, with a client id, one message lookup.
 */
final class StateLoader {
    private final Sql sql;
    private final MessageRepository messages;

    StateLoader(Sql sql) {
        this.sql = sql;
        this.messages = new MessageRepository(sql);
    }

    /**
     * The state, with the concerned members' roles as the lock read them and the messages the client keys name as a
     * lookup across chats found them, when present (else read here).
     */
    ChatState load(ChatId chatId, long lastSeq, Concerns concerns, Optional<Map<UserId, Role>> roles,
                   Optional<Map<ClientKey, Message>> keyed) {
        Roster roster = Roster.of(concerns.members(), roles.orElseGet(() -> Members.rolesOf(sql, chatId, concerns.members())));
        if (concerns.counts()) {
            Members.Counts counts = Members.counts(sql, chatId);
            roster = roster.withCounts(counts.owners(), counts.members());
        }
        Map<ClientKey, Message> byKey = keyed.orElseGet(() -> messages.byClientKeys(chatId, concerns.clientKeys()));
        Map<ClientKey, MessageId> clientIds = new HashMap<>();
        Map<MessageId, Message> found = new HashMap<>();
        byKey.forEach((key, message) -> {
            clientIds.put(key, message.id());
            found.put(message.id(), message);
        });
        Set<MessageId> stillWanted = new HashSet<>(concerns.messages());
        stillWanted.removeAll(found.keySet());
        found.putAll(messages.inChat(chatId, stillWanted));
        messages.pendingUploads(chatId, concerns.uploadsOf()).forEach(found::putIfAbsent);
        Set<MessageId> looked = new HashSet<>(concerns.messages());
        looked.addAll(found.keySet());
        return new ChatState(chatId, lastSeq, roster, Slice.of(looked, found), Slice.of(concerns.clientKeys(), clientIds),
                             Slice.of(concerns.notifications(), Notifications.handled(sql, concerns.notifications())));
    }
}
