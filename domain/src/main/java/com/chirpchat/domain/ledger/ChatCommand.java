package com.chirpchat.domain.ledger;

import com.chirpchat.domain.chat.ChatId;

/**
 * A change to one chat, decided by the domain: a pure function of the chat's state. Storage loads what
 * {@link #concerns()} names, under the chat's lock, and stores what {@link #decide} accepted; commands to the same
 * chat can be decided one after another on one state ({@link Batch}).
 *
 * @param <R> what the caller hears when the change is accepted
 */
public interface ChatCommand<R> {
    ChatId chatId();

    /** What of the chat this command must see. */
    Concerns concerns();

    /** The decision on {@code state} (of {@link #chatId()}, holding at least {@link #concerns()}); changes nothing itself. */
    Outcome<R> decide(ChatState state);
}
