package com.chirpchat.domain.chat;

import java.util.Optional;

import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.user.UserId;

/**
 * Who may do what in a chat.
 * <ul>
 *     <li>Members read, post, and delete their own messages; owners and admins delete anyone's.</li>
 *     <li>Owners and admins add members; only an owner makes someone an owner.</li>
 *     <li>Roles change by the same rights: only an owner makes or unmakes owners; admins make members admins, and
 *     may step down themselves; the last owner cannot step down (someone else must be made an owner first).</li>
 *     <li>Owners remove anyone; admins remove plain members; everyone may leave, except the last owner
 *     while others remain (they must hand over ownership first).</li>
 * </ul>
 */
public final class MembershipRules {
    private MembershipRules() {
    }

    public static Decision mayRead(ChatRoster chat, UserId actor) {
        return chat.roleOf(actor).isPresent()
                ? Decision.allowed()
                : Decision.rejected(Reason.NOT_A_MEMBER, "you are not a member of this chat");
    }

    public static Decision mayPost(ChatRoster chat, UserId actor) {
        return mayRead(chat, actor);
    }

    public static Decision mayAddMember(ChatRoster chat, UserId actor, UserId newcomer, Role role) {
        Optional<Role> actorRole = chat.roleOf(actor);
        if (actorRole.isEmpty()) {
            return Decision.rejected(Reason.NOT_A_MEMBER, "you are not a member of this chat");
        }
        if (!actorRole.get().manages()) {
            return Decision.rejected(Reason.FORBIDDEN, "only owners and admins add members");
        }
        if (role == Role.OWNER && actorRole.get() != Role.OWNER) {
            return Decision.rejected(Reason.FORBIDDEN, "only an owner makes someone an owner");
        }
        if (chat.roleOf(newcomer).isPresent()) {
            return Decision.rejected(Reason.CONFLICT, "the user is already a member of this chat");
        }
        return Decision.allowed();
    }

    public static Decision mayRemoveMember(ChatRoster chat, UserId actor, UserId target) {
        Optional<Role> actorRole = chat.roleOf(actor);
        if (actorRole.isEmpty()) {
            return Decision.rejected(Reason.NOT_A_MEMBER, "you are not a member of this chat");
        }
        Optional<Role> targetRole = chat.roleOf(target);
        if (targetRole.isEmpty()) {
            return Decision.rejected(Reason.NOT_FOUND, "the user is not a member of this chat");
        }
        if (actor.equals(target)) {
            return mayLeave(chat, actorRole.get());
        }
        return switch (actorRole.get()) {
            case OWNER -> Decision.allowed();
            case ADMIN -> targetRole.get() == Role.MEMBER
                    ? Decision.allowed()
                    : Decision.rejected(Reason.FORBIDDEN, "admins remove members only, not owners or admins");
            case MEMBER -> Decision.rejected(Reason.FORBIDDEN, "only owners and admins remove other members");
        };
    }

    public static Decision mayChangeRole(ChatRoster chat, UserId actor, UserId target, Role role) {
        Optional<Role> actorRole = chat.roleOf(actor);
        if (actorRole.isEmpty()) {
            return Decision.rejected(Reason.NOT_A_MEMBER, "you are not a member of this chat");
        }
        Optional<Role> targetRole = chat.roleOf(target);
        if (targetRole.isEmpty()) {
            return Decision.rejected(Reason.NOT_FOUND, "the user is not a member of this chat");
        }
        if (!actorRole.get().manages()) {
            return Decision.rejected(Reason.FORBIDDEN, "only owners and admins change roles");
        }
        if ((role == Role.OWNER || targetRole.get() == Role.OWNER) && actorRole.get() != Role.OWNER) {
            return Decision.rejected(Reason.FORBIDDEN, "only an owner makes or unmakes owners");
        }
        if (actorRole.get() == Role.ADMIN && targetRole.get() == Role.ADMIN && !actor.equals(target)) {
            return Decision.rejected(Reason.FORBIDDEN, "admins change the roles of members only, not of other admins");
        }
        if (actor.equals(target) && targetRole.get() == Role.OWNER && role != Role.OWNER && chat.ownerCount() == 1) {
            return Decision.rejected(Reason.CONFLICT,
                                     "the last owner cannot step down; make another member an owner first");
        }
        return Decision.allowed();
    }

    private static Decision mayLeave(ChatRoster chat, Role role) {
        if (role == Role.OWNER && chat.ownerCount() == 1 && chat.memberCount() > 1) {
            return Decision.rejected(Reason.CONFLICT,
                                     "the last owner cannot leave while other members remain; make another member an owner first");
        }
        return Decision.allowed();
    }

    public static Decision mayDeleteMessage(ChatRoster chat, UserId actor, UserId author) {
        Optional<Role> actorRole = chat.roleOf(actor);
        if (actorRole.isEmpty()) {
            return Decision.rejected(Reason.NOT_A_MEMBER, "you are not a member of this chat");
        }
        if (actor.equals(author) || actorRole.get().manages()) {
            return Decision.allowed();
        }
        return Decision.rejected(Reason.FORBIDDEN, "only the author, owners and admins delete a message");
    }
}
