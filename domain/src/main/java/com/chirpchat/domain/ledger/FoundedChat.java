package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.common.Slice;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.UserId;

/** A new chat as founded: its first state, and what storing it takes (its members and their events). */
public record FoundedChat(Chat chat, ChatChanges changes) {
    public FoundedChat {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(changes, "changes");
    }

    /**
     * The creator owns the chat; the others (the creator among them is ignored) are members, in id order. Each
     * joins with a {@code member_added} event, numbered 1, 2, ... in that order.
     */
    public static FoundedChat found(ChatId id, ChatTitle title, Instant at, UserId creator,
                                    Collection<UserId> others) {
        List<Membership> members = new ArrayList<>();
        members.add(new Membership(creator, Role.OWNER));
        others.stream().distinct().filter(u -> !u.equals(creator))
                .sorted(Comparator.comparing(u -> u.value()))
                .forEach(u -> members.add(new Membership(u, Role.MEMBER)));
        // a new chat: nobody is a member yet
        Roster nobody = new Roster(Slice.of(members.stream().map(Membership::userId).toList(), Map.of()), OptionalLong.of(0),
                                   OptionalLong.of(0));
        ChatState empty = new ChatState(id, 0, nobody, Slice.empty(), Slice.empty(), Slice.empty());
        Recorder recorder = Recorder.on(empty, id);
        for (Membership member : members) {
            ChatEvent added = recorder.emit(at, new EventData.MemberAdded(member.userId(), member.role()));
            recorder.write(new ChatWrite.InsertMember(member, at, added.seq()));
            recorder.update(s -> s.withRoster(s.roster().with(member)));
        }
        Outcome.Accepted<Boolean> accepted = recorder.accept(true).orThrow();
        return new FoundedChat(new Chat(id, title, at, members, accepted.after().lastSeq()), accepted.changes());
    }
}
