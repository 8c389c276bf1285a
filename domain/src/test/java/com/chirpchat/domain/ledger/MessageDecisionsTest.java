package com.chirpchat.domain.ledger;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static com.chirpchat.domain.ledger.States.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageDecisionsTest {
    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final UserId ada = States.user();
    private final UserId bob = States.user();
    private final UserId eve = States.user();
    private final ClientMessageId c1 = new ClientMessageId("c-1");

    @Test
    void aPostIsTheNextSeqItsRowAndItsEvent() {
        MessageId id = States.messageId();
        ChatState state = States.chat(chat, 7).member(ada, Role.MEMBER).noClientKey(new ClientKey(ada, c1)).build();
        PostText post = new PostText(chat, ada, id, new MessageText("hi"), Optional.of(c1), T0);
        assertThat(post.concerns()).isEqualTo(Concerns.NONE.member(ada).clientKey(new ClientKey(ada, c1)));

        Outcome.Accepted<Sent> done = post.decide(state).orThrow();
        Message message = Message.text(id, chat, 8, ada, new MessageText("hi"), T0);
        assertThat(done.result()).isEqualTo(new Sent(message, true));
        assertThat(done.changes().writes()).containsExactly(new ChatWrite.InsertMessage(message, Optional.of(c1)));
        assertThat(done.changes().events()).containsExactly(new ChatEvent(chat, 8, T0, new EventData.MessageCreated(message)));
        assertThat(done.after().lastSeq()).isEqualTo(8);
        assertThat(done.after().message(id)).hasValue(message);
        assertThat(done.after().messageByClientKey(new ClientKey(ada, c1))).hasValue(message);
        assertThat(state.lastSeq()).as("decisions change no state in place").isEqualTo(7);
    }

    @Test
    void aRepeatedClientIdIsTheFirstMessageAndChangesNothing() {
        Message first = Message.text(States.messageId(), chat, 3, ada, new MessageText("once"), T0);
        ChatState state = States.chat(chat, 5).member(ada, Role.MEMBER).clientKey(new ClientKey(ada, c1), first).build();
        Outcome.Accepted<Sent> again = new PostText(chat, ada, States.messageId(), new MessageText("once (retry)"),
                                                    Optional.of(c1), T0).decide(state).orThrow();
        assertThat(again.result()).isEqualTo(new Sent(first, false));
        assertThat(again.changes()).isEqualTo(ChatChanges.NONE);
        assertThat(again.after()).isSameAs(state);
    }

    @Test
    void outsidersCannotPostAndADecisionNeedsWhatItConcerns() {
        ChatState state = States.chat(chat, 2).outsider(eve).build();
        Outcome<Sent> refused = new PostText(chat, eve, States.messageId(), new MessageText("let me in"), Optional.empty(), T0).decide(state);
        assertThat(refused).isEqualTo(Outcome.rejected(Reason.NOT_A_MEMBER, "you are not a member of this chat"));
        assertThatThrownBy(() -> new PostText(chat, bob, States.messageId(), new MessageText("?"), Optional.empty(), T0).decide(state))
                .as("bob's membership was not loaded").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PostText(new ChatId(UUID.randomUUID()), eve, States.messageId(), new MessageText("?"),
                                              Optional.empty(), T0).decide(state))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUploadRequestIsAMediaMessageWaitingAtItsKey() {
        MessageId id = States.messageId();
        ChatState state = States.chat(chat, 1).member(ada, Role.OWNER).build();
        Outcome.Accepted<Sent> done = upload(id, ResourceType.IMAGE, "cat.png", 100, Optional.empty()).decide(state).orThrow();
        MediaAsset asset = done.result().message().media().orElseThrow();
        assertThat(asset).isEqualTo(MediaAsset.uploading(ResourceType.IMAGE, "chats/" + chat + "/" + id, Optional.of("cat.png")));
        assertThat(done.result().created()).isTrue();
        assertThat(done.changes().events()).extracting(ChatEvent::seq).containsExactly(2L);
    }

    @Test
    void uploadRefusalsComeInOrderMembershipThenLimitsThenRetries() {
        ChatState outsider = States.chat(chat, 1).outsider(eve).build();
        assertThat(reason(upload(States.messageId(), ResourceType.IMAGE, "huge.png", 1L << 40, Optional.empty()).withAuthor(eve)
                                  .decide(outsider))).isEqualTo(Reason.NOT_A_MEMBER);
        ChatState member = States.chat(chat, 1).member(ada, Role.MEMBER).build();
        assertThat(reason(upload(States.messageId(), ResourceType.IMAGE, "huge.png", 21L << 20, Optional.empty()).decide(member)))
                .isEqualTo(Reason.TOO_LARGE);
        assertThat(reason(upload(States.messageId(), ResourceType.IMAGE, "movie.mp4", 10, Optional.empty()).decide(member)))
                .isEqualTo(Reason.UNSUPPORTED_FORMAT);

        Message text = Message.text(States.messageId(), chat, 2, ada, new MessageText("c-1 was a text"), T0);
        ChatState usedByText = States.chat(chat, 2).member(ada, Role.MEMBER).clientKey(new ClientKey(ada, c1), text).build();
        assertThat(upload(States.messageId(), ResourceType.IMAGE, "cat.png", 10, Optional.of(c1)).decide(usedByText))
                .isEqualTo(Outcome.rejected(Reason.CONFLICT, "clientMessageId was already used for another message"));

        Message waiting = Message.media(States.messageId(), chat, 2, ada, MediaAsset.uploading(ResourceType.IMAGE, "k"), T0);
        ChatState retry = States.chat(chat, 2).member(ada, Role.MEMBER).clientKey(new ClientKey(ada, c1), waiting).build();
        Outcome.Accepted<Sent> again = upload(States.messageId(), ResourceType.IMAGE, "cat.png", 10, Optional.of(c1)).decide(retry).orThrow();
        assertThat(again.result()).isEqualTo(new Sent(waiting, false));
        assertThat(again.changes().isEmpty()).isTrue();
        assertThat(reason(upload(States.messageId(), ResourceType.VIDEO, "cat.mp4", 10, Optional.of(c1)).decide(retry)))
                .as("the same client id for another type").isEqualTo(Reason.CONFLICT);

        Message arrived = waiting.withMedia(waiting.media().orElseThrow().uploaded(MediaFacts.UNKNOWN));
        ChatState late = States.chat(chat, 2).member(ada, Role.MEMBER).clientKey(new ClientKey(ada, c1), arrived).build();
        assertThat(upload(States.messageId(), ResourceType.IMAGE, "cat.png", 10, Optional.of(c1)).decide(late))
                .isEqualTo(Outcome.rejected(Reason.CONFLICT, "the upload for this message has already arrived"));
    }

    @Test
    void deletingLeavesATombstoneAndQueuesTheFile() {
        Message media = Message.media(States.messageId(), chat, 4, bob, MediaAsset.uploading(ResourceType.VIDEO, "chats/x/v"), T0);
        ChatState state = States.chat(chat, 9).member(ada, Role.ADMIN).message(media).build();
        DeleteMessage delete = new DeleteMessage(chat, ada, media.id(), T0.plusSeconds(1));
        assertThat(delete.concerns()).isEqualTo(Concerns.NONE.member(ada).message(media.id()));

        Outcome.Accepted<Message> done = delete.decide(state).orThrow();
        assertThat(done.result()).isEqualTo(media.tombstone());
        assertThat(done.changes().writes()).containsExactly(
                new ChatWrite.QueueAssetDeletion("chats/x/v", ResourceType.VIDEO, T0.plusSeconds(1)),
                new ChatWrite.Tombstone(media.id(), T0.plusSeconds(1)));
        assertThat(done.changes().events()).containsExactly(
                new ChatEvent(chat, 10, T0.plusSeconds(1), new EventData.MessageDeleted(media.id())));

        Outcome.Accepted<Message> again = delete.decide(done.after()).orThrow();
        assertThat(again.changes().isEmpty()).as("deleting a tombstone changes nothing").isTrue();
    }

    @Test
    void onlyAuthorsAndModeratorsDeleteAndOnlyWhatExists() {
        Message bobs = Message.text(States.messageId(), chat, 2, bob, new MessageText("mine"), T0);
        MessageId gone = States.messageId();
        ChatState state = States.chat(chat, 3).member(eve, Role.MEMBER).member(bob, Role.MEMBER).message(bobs).noMessage(gone).build();
        assertThat(reason(new DeleteMessage(chat, eve, bobs.id(), T0).decide(state))).isEqualTo(Reason.FORBIDDEN);
        assertThat(reason(new DeleteMessage(chat, bob, gone, T0).decide(state))).isEqualTo(Reason.NOT_FOUND);
        assertThat(new DeleteMessage(chat, bob, bobs.id(), T0).decide(state)).isInstanceOf(Outcome.Accepted.class);
    }

    private StartUploadBuilder upload(MessageId id, ResourceType type, String name, long bytes, Optional<ClientMessageId> clientId) {
        return new StartUploadBuilder(ada, id, type, name, bytes, clientId);
    }

    private final class StartUploadBuilder {
        private UserId author;
        private final MessageId id;
        private final ResourceType type;
        private final String name;
        private final long bytes;
        private final Optional<ClientMessageId> clientId;

        private StartUploadBuilder(UserId author, MessageId id, ResourceType type, String name, long bytes, Optional<ClientMessageId> clientId) {
            this.author = author;
            this.id = id;
            this.type = type;
            this.name = name;
            this.bytes = bytes;
            this.clientId = clientId;
        }

        StartUploadBuilder withAuthor(UserId other) {
            author = other;
            return this;
        }

        Outcome<Sent> decide(ChatState state) {
            return new StartUpload(chat, author, id, type, Optional.of(name), OptionalLong.of(bytes), clientId,
                                   MediaLimits.defaults(), T0).decide(state);
        }
    }

    static Reason reason(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected<?>) outcome).reason();
    }
}
