package com.chirpchat.application.chat;

import com.chirpchat.domain.chat.Membership;

/** Adds someone to a chat. */
public interface AddMemberUseCase {
    /**
     * @throws com.chirpchat.application.common.UseCaseException NOT_FOUND (chat)
     * @throws com.chirpchat.domain.common.RuleViolationException NOT_A_MEMBER, FORBIDDEN, CONFLICT (already a member),
     *                                                           INVALID (no such user; told only to those who may add)
     */
    Membership add(AddMemberCommand command);
}
