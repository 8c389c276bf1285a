package com.chirpchat.domain.ledger;

import java.util.ArrayList;
import java.util.List;

import com.chirpchat.domain.chat.ChatId;

/**
 * Several commands to one chat decided in order on one state: each is decided on the state its predecessors left,
 * a rejected one leaves the state as it was and does not stop the others, and the accepted ones' changes add up
 * in order, so storing the batch is storing {@link #changes()} once.
 */
public record Batch(List<Outcome<?>> outcomes, ChatState after, ChatChanges changes) {
    public Batch {
        outcomes = List.copyOf(outcomes);
    }

    /** What the commands concern together: what to load for the batch. */
    public static Concerns concerns(List<? extends ChatCommand<?>> commands) {
        return commands.stream().map(ChatCommand::concerns).reduce(Concerns.NONE, Concerns::and);
    }

    /** The commands (all to {@code state}'s chat) decided one after another, in list order. */
    public static Batch decide(ChatState state, List<? extends ChatCommand<?>> commands) {
        List<Outcome<?>> outcomes = new ArrayList<>(commands.size());
        ChatState current = state;
        ChatChanges changes = ChatChanges.NONE;
        for (ChatCommand<?> command : commands) {
            ChatId chat = command.chatId();
            if (!chat.equals(state.chatId())) {
                throw new IllegalArgumentException("a batch is one chat's: " + chat + " is not " + state.chatId());
            }
            Outcome<?> outcome = command.decide(current);
            if (outcome instanceof Outcome.Accepted<?> accepted) {
                current = accepted.after();
                changes = changes.then(accepted.changes());
            }
            outcomes.add(outcome);
        }
        return new Batch(outcomes, current, changes);
    }
}
