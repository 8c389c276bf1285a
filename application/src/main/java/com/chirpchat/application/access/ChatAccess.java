package com.chirpchat.application.access;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.user.UserId;

/**
 * The check every read of a chat starts with: unknown chat → not found; otherwise the membership rules decide
 * ({@link MembershipRules#mayRead}), and a refusal is the use case's to report.
 */
public final class ChatAccess {
    private final LoadMembershipPort memberships;

    public ChatAccess(LoadMembershipPort memberships) {
        this.memberships = memberships;
    }

    /** The caller's role in the chat, when the rules let them read it; otherwise the refusal a client should see. */
    public Role requireMember(ChatId chatId, UserId userId) {
        Roster roster = memberships.rosterFor(chatId, userId).orElseThrow(() -> UseCaseException.notFound("no chat " + chatId));
        require(MembershipRules.mayRead(roster, userId));
        return roster.roleOf(userId).orElseThrow();
    }

    /** Continues when allowed; a rejection becomes the {@link UseCaseException} a client should see. */
    public static void require(Decision decision) {
        if (decision instanceof Decision.Rejected rejected) {
            throw new UseCaseException(ErrorCode.of(rejected.reason()), rejected.detail());
        }
    }
}
