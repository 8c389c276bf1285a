package com.chirpchat.application.ledger;

import java.util.function.Consumer;
import java.util.function.Function;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.ledger.ChatCommand;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;

/**
 * Changes a chat: load, let the domain decide, store what it decided. Every change to a chat (membership,
 * messages, media) goes through here, so the chat's events get gap-free sequence numbers in commit order.
 */
public interface ChangeChatPort {
    /**
     * In one transaction holding the chat's write lock: loads the chat's {@link ChatState} as far as
     * {@code concerns} says (current, since nothing else changes the chat meanwhile), hands it to {@code decide},
     * and stores the accepted decision's changes: its rows in order, then its events, then the chat's new last seq
     * (and activity time) from its last event. The store builds no event and checks no rule; it refuses changes
     * that contradict what it holds (a row to change that isn't there, events not numbered on from its last seq)
     * with {@link IllegalStateException}. If {@code decide} throws, or the store refuses, nothing is stored and the
     * exception propagates.
     *
     * @return the decision as stored
     * @throws com.chirpchat.application.common.UseCaseException NOT_FOUND when the chat does not exist
     */
    <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide);

    /**
     * {@link #change(ChatId, Concerns, Function)}, handing the stored decision to {@code committed} as soon as its
     * transaction has committed and before this returns; not at all when nothing was stored. A store that commits
     * several callers' changes together (group commit) calls it on its own thread, for each change in commit order,
     * before answering anyone: so whatever {@code committed} starts (publishing the events) starts in commit order and
     * without waiting for the callers' threads to run again. {@code committed} must not block; what it throws is
     * logged, never the caller's failure (the change is durable). This default calls it on the caller's thread.
     */
    default <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide,
                                           Consumer<? super Outcome.Accepted<R>> committed) {
        Outcome.Accepted<R> accepted = change(chatId, concerns, decide);
        Committed.tell(committed, accepted);
        return accepted;
    }

    /**
     * Decides {@code command} on its chat's current state and stores the decision.
     *
     * @throws com.chirpchat.domain.common.RuleViolationException when the domain rejects it (nothing is stored)
     */
    default <R> Outcome.Accepted<R> apply(ChatCommand<R> command) {
        return change(command.chatId(), command.concerns(), state -> command.decide(state).orThrow());
    }

    /** {@link #apply(ChatCommand)}, handing the stored decision to {@code committed} as {@link #change} with it does. */
    default <R> Outcome.Accepted<R> apply(ChatCommand<R> command, Consumer<? super Outcome.Accepted<R>> committed) {
        return change(command.chatId(), command.concerns(), state -> command.decide(state).orThrow(), committed);
    }
}
