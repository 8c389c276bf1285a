package com.chirpchat.application.chat;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;

/** Removes someone from a chat, or lets a member leave. */
public interface RemoveMemberUseCase {
    /**
     * @throws com.chirpchat.application.common.UseCaseException NOT_FOUND (chat)
     * @throws com.chirpchat.domain.common.RuleViolationException NOT_A_MEMBER, FORBIDDEN, NOT_FOUND (not a member),
     *                                                           CONFLICT (last owner leaving)
     */
    void remove(UserId actor, ChatId chatId, UserId userId);
}
