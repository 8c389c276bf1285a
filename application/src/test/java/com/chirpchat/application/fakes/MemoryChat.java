package com.chirpchat.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.common.Slice;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.LoggedEvent;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageKind;
import com.chirpchat.domain.user.UserId;

/**
 * One chat's rows in memory, as the database keeps them: members in the order they joined, messages with their
 * retry keys, and the event log as references. It loads states and stores changes the way the database store
 * does, refusing the same contradictions; a change is applied to a {@link #copy()}, which replaces the original
 * only when all of it went in.
 */
final class MemoryChat {
    final ChatId id;
    final ChatTitle title;
    final Instant createdAt;
    long lastSeq;
    Instant lastActivity;
    private final LinkedHashMap<UserId, Role> members = new LinkedHashMap<>();
    private final Map<UserId, Long> joined = new HashMap<>();
    private final Map<MessageId, Message> messages = new LinkedHashMap<>();
    private final Map<ClientKey, MessageId> clientIds = new HashMap<>();
    private final List<LoggedEvent> log = new ArrayList<>();

    MemoryChat(ChatId id, ChatTitle title, Instant createdAt) {
        this.id = id;
        this.title = title;
        this.createdAt = createdAt;
        this.lastActivity = createdAt;
    }

    MemoryChat copy() {
        MemoryChat copy = new MemoryChat(id, title, createdAt);
        copy.lastSeq = lastSeq;
        copy.lastActivity = lastActivity;
        copy.members.putAll(members);
        copy.joined.putAll(joined);
        copy.messages.putAll(messages);
        copy.clientIds.putAll(clientIds);
        copy.log.addAll(log);
        return copy;
    }

    /** The seq at which the member joined (their {@code member_added}). */
    long joinedSeq(UserId member) {
        return joined.getOrDefault(member, 0L);
    }

    Chat toChat() {
        return new Chat(id, title, createdAt, members.entrySet().stream().map(e -> new Membership(e.getKey(), e.getValue())).toList(),
                        lastSeq);
    }

    Optional<Role> roleOf(UserId userId) {
        return Optional.ofNullable(members.get(userId));
    }

    Optional<Message> message(MessageId messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    List<Message> messages() {
        return List.copyOf(messages.values());
    }

    /** What {@code concerns} names, and nothing more, as the database store loads it. */
    ChatState state(Concerns concerns, Map<String, Instant> handled) {
        Map<UserId, Role> roles = new HashMap<>();
        concerns.members().forEach(u -> roleOf(u).ifPresent(r -> roles.put(u, r)));
        Roster roster = Roster.of(concerns.members(), roles);
        if (concerns.counts()) {
            roster = roster.withCounts(members.values().stream().filter(r -> r == Role.OWNER).count(), members.size());
        }
        Map<ClientKey, MessageId> byKey = new HashMap<>();
        concerns.clientKeys().forEach(k -> Optional.ofNullable(clientIds.get(k)).ifPresent(m -> byKey.put(k, m)));
        Set<MessageId> wanted = new HashSet<>(concerns.messages());
        wanted.addAll(byKey.values());
        Map<MessageId, Message> found = new HashMap<>();
        wanted.forEach(m -> message(m).ifPresent(message -> found.put(m, message)));
        Map<String, Instant> seen = new HashMap<>();
        concerns.notifications().forEach(n -> Optional.ofNullable(handled.get(n)).ifPresent(at -> seen.put(n, at)));
        return new ChatState(id, lastSeq, roster, Slice.of(wanted, found), Slice.of(concerns.clientKeys(), byKey),
                             Slice.of(concerns.notifications(), seen));
    }

    /** Stores the changes in order; the writes this chat's rows don't hold go to {@code elsewhere}. */
    void store(ChatChanges changes, Consumer<ChatWrite> elsewhere) {
        for (ChatWrite write : changes.writes()) {
            switch (write) {
                case ChatWrite.InsertMessage insert -> insert(insert);
                case ChatWrite.StoreMedia media -> messages.put(media.messageId(), liveMedia(media.messageId()).withMedia(media.media()));
                case ChatWrite.Tombstone tombstone -> messages.put(tombstone.messageId(), live(tombstone.messageId()).tombstone());
                case ChatWrite.InsertMember insert -> {
                    if (members.putIfAbsent(insert.member().userId(), insert.member().role()) != null) {
                        throw new IllegalStateException(insert.member().userId() + " is a member already");
                    }
                    joined.put(insert.member().userId(), insert.addedSeq());
                }
                case ChatWrite.ChangeMemberRole change -> {
                    if (members.replace(change.member().userId(), change.member().role()) == null) {
                        throw new IllegalStateException(change.member().userId() + " is not a member");
                    }
                }
                case ChatWrite.DeleteMember delete -> {
                    if (members.remove(delete.userId()) == null) {
                        throw new IllegalStateException(delete.userId() + " is not a member");
                    }
                    joined.remove(delete.userId());
                }
                case ChatWrite.QueueAssetDeletion queue -> elsewhere.accept(queue);
                case ChatWrite.RecordNotification record -> elsewhere.accept(record);
            }
        }
        for (ChatEvent event : changes.events()) {
            if (!event.chatId().equals(id) || event.seq() != lastSeq + 1) {
                throw new IllegalStateException("event " + event.chatId() + "#" + event.seq() + " does not follow " + id + "#" + lastSeq);
            }
            log.add(LoggedEvent.of(event));
            lastSeq = event.seq();
            lastActivity = event.at();
        }
    }

    /** The log after {@code afterSeq}, each event with the message it carries as it now is. */
    List<ChatEvent> eventsAfter(long afterSeq, int limit) {
        return log.stream().filter(e -> e.seq() > afterSeq).limit(limit)
                .map(e -> e.replay(e.carriesMessage() ? e.messageId().flatMap(this::message) : Optional.empty()))
                .toList();
    }

    private void insert(ChatWrite.InsertMessage insert) {
        Message message = insert.message();
        Optional<ClientKey> key = insert.clientMessageId().map(c -> new ClientKey(message.authorId(), c));
        boolean seqTaken = messages.values().stream().anyMatch(m -> m.seq() == message.seq());
        if (!message.chatId().equals(id) || messages.containsKey(message.id()) || seqTaken
                || key.map(clientIds::containsKey).orElse(false)) {
            throw new IllegalStateException("message " + message.id() + " contradicts what chat " + id + " holds");
        }
        messages.put(message.id(), message);
        key.ifPresent(k -> clientIds.put(k, message.id()));
    }

    private Message live(MessageId messageId) {
        return message(messageId).filter(m -> !m.deleted())
                .orElseThrow(() -> new IllegalStateException("no live message " + messageId + " in chat " + id));
    }

    private Message liveMedia(MessageId messageId) {
        Message message = live(messageId);
        if (message.kind() != MessageKind.MEDIA) {
            throw new IllegalStateException("message " + messageId + " has no media");
        }
        return message;
    }
}
