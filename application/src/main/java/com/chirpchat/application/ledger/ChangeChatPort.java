package com.chirpchat.application.ledger;

import java.util.function.Function;

import com.chirpchat.domain.chat.ChatId;

/**
 * Changes a chat atomically. Every change to a chat (membership, messages, media) goes through here, so the
 * chat's events get gap-free sequence numbers in commit order.
 */
public interface ChangeChatPort {
    /**
     * Runs {@code work} in one transaction that holds the chat's write lock: what it reads is current, what it
     * records commits together with the events it emits, and no other change to this chat interleaves. If
     * {@code work} throws, nothing it recorded is kept and the exception propagates.
     *
     * @throws com.chirpchat.application.common.UseCaseException NOT_FOUND when the chat does not exist
     */
    <T> T change(ChatId chatId, Function<ChatChange, T> work);
}
