package com.chirpchat.application.chat;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.UserId;

/** Gives a member of a chat another role. */
public interface ChangeMemberRoleUseCase {
    /**
     * @return the membership as it now is (the same role again changes nothing)
     * @throws com.chirpchat.application.common.UseCaseException NOT_FOUND (chat)
     * @throws com.chirpchat.domain.common.RuleViolationException NOT_A_MEMBER, FORBIDDEN, NOT_FOUND (not a member),
     *                                                           CONFLICT (the last owner stepping down)
     */
    Membership changeRole(UserId actor, ChatId chatId, UserId userId, Role role);
}
