package com.chirpchat.domain.ledger;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/**
 * What of a chat a change must see to be decided: the memberships of some users (and the chat's member counts,
 * when asked), some messages, the messages some client keys name, the media messages of some authors still waiting
 * for their upload, and whether some media store notifications were handled. A store loads exactly that into a {@link ChatState}; the concerns of several commands add up with
 * {@link #and}, so a batch of changes is loaded in one go.
 */
public record Concerns(Set<UserId> members, boolean counts, Set<MessageId> messages, Set<ClientKey> clientKeys,
                       Set<String> notifications, Set<UserId> uploadsOf) {
    public static final Concerns NONE = new Concerns(Set.of(), false, Set.of(), Set.of(), Set.of(), Set.of());

    public Concerns {
        members = Set.copyOf(members);
        messages = Set.copyOf(messages);
        clientKeys = Set.copyOf(clientKeys);
        notifications = Set.copyOf(notifications);
        uploadsOf = Set.copyOf(uploadsOf);
    }

    /** Every live media message of {@code author} in the chat whose upload has not arrived yet, among the messages. */
    public Concerns uploadsOf(UserId author) {
        return new Concerns(members, counts, messages, clientKeys, notifications, plus(uploadsOf, author));
    }

    public Concerns member(UserId userId) {
        return new Concerns(plus(members, userId), counts, messages, clientKeys, notifications, uploadsOf);
    }

    /** The chat's owner and member counts too. */
    public Concerns withCounts() {
        return new Concerns(members, true, messages, clientKeys, notifications, uploadsOf);
    }

    public Concerns message(MessageId messageId) {
        return new Concerns(members, counts, plus(messages, messageId), clientKeys, notifications, uploadsOf);
    }

    public Concerns clientKey(ClientKey key) {
        return new Concerns(members, counts, messages, plus(clientKeys, key), notifications, uploadsOf);
    }

    public Concerns notification(String notificationId) {
        return new Concerns(members, counts, messages, clientKeys, plus(notifications, notificationId), uploadsOf);
    }

    /** Everything either concerns. */
    public Concerns and(Concerns other) {
        return new Concerns(union(members, other.members), counts || other.counts, union(messages, other.messages),
                            union(clientKeys, other.clientKeys), union(notifications, other.notifications),
                            union(uploadsOf, other.uploadsOf));
    }

    private static <T> Set<T> plus(Set<T> set, T value) {
        Objects.requireNonNull(value, "value");
        Set<T> bigger = new HashSet<>(set);
        bigger.add(value);
        return bigger;
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
