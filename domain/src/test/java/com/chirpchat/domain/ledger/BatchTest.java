package com.chirpchat.domain.ledger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static com.chirpchat.domain.ledger.States.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The shape group commit builds on: several changes to one chat decided in order on one state, stored as one. */
class BatchTest {
    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final UserId ada = States.user();
    private final UserId bob = States.user();
    private final ClientMessageId c1 = new ClientMessageId("c-1");

    @Test
    void eachCommandSeesWhatItsPredecessorsDidAndARejectedOneFailsAlone() {
        PostText early = post(bob, "before I joined", Optional.empty());
        AddMember add = new AddMember(chat, ada, new Membership(bob, Role.MEMBER), true, T0);
        PostText first = post(bob, "hello", Optional.of(c1));
        PostText retry = post(bob, "hello (retry)", Optional.of(c1));
        RemoveMember kick = new RemoveMember(chat, ada, bob, T0);
        PostText after = post(bob, "still here?", Optional.empty());
        List<ChatCommand<?>> commands = List.of(early, add, first, retry, kick, after);

        Concerns concerns = Batch.concerns(commands);
        assertThat(concerns.members()).containsExactlyInAnyOrder(ada, bob);
        assertThat(concerns.clientKeys()).containsExactly(new ClientKey(bob, c1));
        ChatState loaded = States.chat(chat, 10).member(ada, Role.OWNER).outsider(bob).noClientKey(new ClientKey(bob, c1)).build();

        Batch batch = Batch.decide(loaded, commands);
        assertThat(batch.outcomes()).extracting(o -> o instanceof Outcome.Accepted).containsExactly(false, true, true, true, true, false);
        assertThat(((Outcome.Rejected<?>) batch.outcomes().get(0)).reason()).isEqualTo(Reason.NOT_A_MEMBER);
        assertThat(((Outcome.Rejected<?>) batch.outcomes().get(5)).reason()).isEqualTo(Reason.NOT_A_MEMBER);
        Sent sent = (Sent) ((Outcome.Accepted<?>) batch.outcomes().get(2)).result();
        Sent again = (Sent) ((Outcome.Accepted<?>) batch.outcomes().get(3)).result();
        assertThat(again).as("idempotent inside the batch").isEqualTo(new Sent(sent.message(), false));

        assertThat(batch.changes().events()).extracting(ChatEvent::seq).containsExactly(11L, 12L, 13L);
        assertThat(batch.changes().events()).extracting(ChatEvent::type)
                .containsExactly(ChatEventType.MEMBER_ADDED, ChatEventType.MESSAGE_CREATED, ChatEventType.MEMBER_REMOVED);
        assertThat(batch.changes().writes()).hasSize(3);
        assertThat(batch.after().lastSeq()).isEqualTo(13);
        assertThat(batch.after().roster().roleOf(bob)).isEmpty();
    }

    @Test
    void aBatchIsOneChats() {
        ChatState loaded = States.chat(chat, 1).member(ada, Role.OWNER).build();
        PostText elsewhere = new PostText(new ChatId(UUID.randomUUID()), ada, new MessageId(UUID.randomUUID()), new MessageText("x"),
                                          Optional.empty(), T0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Batch.decide(loaded, List.of(elsewhere)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private PostText post(UserId author, String text, Optional<ClientMessageId> clientId) {
        return new PostText(chat, author, new MessageId(UUID.randomUUID()), new MessageText(text), clientId, T0);
    }
}
