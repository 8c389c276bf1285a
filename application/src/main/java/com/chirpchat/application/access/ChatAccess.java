package com.chirpchat.application.access;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.UserId;

/** The membership check every read of a chat starts with: unknown chat → not found, outsider → not a member. */
public final class ChatAccess {
    private final LoadMembershipPort memberships;

    public ChatAccess(LoadMembershipPort memberships) {
        this.memberships = memberships;
    }

    /** The caller's role in the chat, or the refusal a client should see. */
    public Role requireMember(ChatId chatId, UserId userId) {
        return memberships.roleOf(chatId, userId).orElseThrow(() -> {
            if (!memberships.chatExists(chatId)) {
                return UseCaseException.notFound("no chat " + chatId);
            }
            return new UseCaseException(ErrorCode.NOT_A_MEMBER, "you are not a member of this chat");
        });
    }
}
