package com.chirpchat.domain.chat;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import com.chirpchat.domain.common.Slice;
import com.chirpchat.domain.user.UserId;

/**
 * As much of a chat's membership as a decision needs: the roles of the users it concerns, and the chat's owner
 * and member counts when they matter (leaving does; posting doesn't). A chat of thousands is never loaded whole
 * to answer whether one author may post.
 */
public record Roster(Slice<UserId, Role> roles, OptionalLong owners, OptionalLong members) implements ChatRoster {
    public Roster {
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(owners, "owners");
        Objects.requireNonNull(members, "members");
        if (owners.isPresent() != members.isPresent()) {
            throw new IllegalArgumentException("owner and member counts come together");
        }
    }

    /** The roles of {@code looked} (members among them in {@code found}), without counts. */
    public static Roster of(Collection<UserId> looked, Map<UserId, Role> found) {
        return new Roster(Slice.of(looked, found), OptionalLong.empty(), OptionalLong.empty());
    }

    /** The same roster with the chat's counts. */
    public Roster withCounts(long ownerCount, long memberCount) {
        return new Roster(roles, OptionalLong.of(ownerCount), OptionalLong.of(memberCount));
    }

    @Override
    public Optional<Role> roleOf(UserId userId) {
        return roles.get(userId);
    }

    @Override
    public long ownerCount() {
        return owners.orElseThrow(() -> new IllegalStateException("the decision was not given the chat's counts"));
    }

    @Override
    public long memberCount() {
        return members.orElseThrow(() -> new IllegalStateException("the decision was not given the chat's counts"));
    }

    /** The roster after {@code member} joined. */
    public Roster with(Membership member) {
        if (roleOf(member.userId()).isPresent()) {
            throw new IllegalStateException(member.userId() + " is already a member");
        }
        long ownerDelta = member.role() == Role.OWNER ? 1 : 0;
        return new Roster(roles.with(member.userId(), member.role()), plus(owners, ownerDelta), plus(members, 1));
    }

    /** The roster after {@code member}, a member already, took their new role. */
    public Roster withRole(Membership member) {
        Role before = roleOf(member.userId()).orElseThrow(() -> new IllegalStateException(member.userId() + " is not a member"));
        long ownerDelta = (member.role() == Role.OWNER ? 1 : 0) - (before == Role.OWNER ? 1 : 0);
        return new Roster(roles.with(member.userId(), member.role()), plus(owners, ownerDelta), members);
    }

    /** The roster after {@code userId} left. */
    public Roster without(UserId userId) {
        Role role = roleOf(userId).orElseThrow(() -> new IllegalStateException(userId + " is not a member"));
        return new Roster(roles.without(userId), plus(owners, role == Role.OWNER ? -1 : 0), plus(members, -1));
    }

    private static OptionalLong plus(OptionalLong count, long delta) {
        return count.isPresent() ? OptionalLong.of(count.getAsLong() + delta) : count;
    }
}
