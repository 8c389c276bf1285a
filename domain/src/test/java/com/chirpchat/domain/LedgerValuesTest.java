package com.chirpchat.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.common.Slice;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.event.LoggedEvent;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.AssetKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small values the chat changes are made of: slices, rosters, keys, limits and the log's form of an event. */
class LedgerValuesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final UserId ada = new UserId(UUID.randomUUID());
    private final UserId bob = new UserId(UUID.randomUUID());

    @Test
    void aSliceAnswersForWhatWasLookedUpOnly() {
        Slice<String, Integer> slice = Slice.of(List.of("a", "b"), Map.of("a", 1));
        assertThat(slice.get("a")).hasValue(1);
        assertThat(slice.get("b")).isEmpty();
        assertThatThrownBy(() -> slice.get("c")).isInstanceOf(IllegalStateException.class);
        assertThat(slice.with("c", 3).get("c")).hasValue(3);
        assertThat(slice.without("a").get("a")).isEmpty();
        assertThat(slice.get("a")).as("slices are values").hasValue(1);
    }

    @Test
    void aRosterKeepsItsCountsAsMembersComeAndGo() {
        Roster roster = Roster.of(List.of(ada, bob), Map.of(ada, Role.OWNER)).withCounts(1, 5);
        Roster joined = roster.with(new Membership(bob, Role.OWNER));
        assertThat(joined.roleOf(bob)).hasValue(Role.OWNER);
        assertThat(joined.ownerCount()).isEqualTo(2);
        assertThat(joined.memberCount()).isEqualTo(6);
        Roster left = joined.without(ada);
        assertThat(left.ownerCount()).isEqualTo(1);
        assertThat(left.memberCount()).isEqualTo(5);
        assertThatThrownBy(() -> joined.with(new Membership(bob, Role.MEMBER))).isInstanceOf(IllegalStateException.class);
        Roster uncounted = Roster.of(List.of(ada), Map.of());
        assertThat(uncounted.owners()).isEqualTo(OptionalLong.empty());
        assertThatThrownBy(uncounted::memberCount).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAssetKeyNamesItsChatAndMessage() {
        MessageId message = new MessageId(UUID.randomUUID());
        AssetKey key = new AssetKey(chat, message);
        assertThat(key.value()).isEqualTo("chats/" + chat + "/" + message);
        assertThat(key.folder()).isEqualTo(AssetKey.folderOf(chat));
        assertThat(AssetKey.parse(key.value())).hasValue(key);
        for (String foreign : new String[] {"k/" + message, "chats/none/none", "chats/" + chat, "chats/" + chat + "/" + message + "/x",
                "chats/" + chat.toString().toUpperCase() + "/" + message, "", "sample"}) {
            assertThat(AssetKey.parse(foreign)).as(foreign).isEmpty();
        }
    }

    @Test
    void declaredUploadsAreRefusedForTheRightReason() {
        MediaLimits limits = MediaLimits.defaults();
        assertThat(limits.mayDeclare(ResourceType.IMAGE, OptionalLong.of(1000), Optional.of("cat.JPG"))).isEqualTo(Decision.allowed());
        assertThat(limits.mayDeclare(ResourceType.IMAGE, OptionalLong.empty(), Optional.empty())).isEqualTo(Decision.allowed());
        assertThat(reason(limits.mayDeclare(ResourceType.IMAGE, OptionalLong.of(21L << 20), Optional.empty()))).isEqualTo(Reason.TOO_LARGE);
        assertThat(reason(limits.mayDeclare(ResourceType.IMAGE, OptionalLong.of(0), Optional.empty()))).isEqualTo(Reason.INVALID);
        assertThat(reason(limits.mayDeclare(ResourceType.RAW, OptionalLong.empty(), Optional.of("noextension")))).isEqualTo(Reason.UNSUPPORTED_FORMAT);
        assertThat(reason(limits.mayDeclare(ResourceType.RAW, OptionalLong.empty(), Optional.of("bad\u0001.pdf")))).isEqualTo(Reason.INVALID);
        assertThat(limits.violation(ResourceType.VIDEO, MediaFacts.UNKNOWN)).isEmpty();
    }

    @Test
    void theLogKeepsReferencesAndReplaysTheMessageAsItNowIs() {
        Message message = Message.text(new MessageId(UUID.randomUUID()), chat, 2, ada, new MessageText("secret"), T0);
        ChatEvent created = new ChatEvent(chat, 2, T0, new EventData.MessageCreated(message));
        LoggedEvent logged = LoggedEvent.of(created);
        assertThat(logged).isEqualTo(new LoggedEvent(chat, 2, T0, ChatEventType.MESSAGE_CREATED, Optional.of(message.id()), Optional.empty()));
        assertThat(logged.replay(Optional.of(message))).isEqualTo(created);
        ChatEvent replayed = logged.replay(Optional.of(message.tombstone()));
        assertThat(((EventData.MessageCreated) replayed.data()).message().text()).as("deleted text never comes back").isEmpty();
        assertThatThrownBy(() -> logged.replay(Optional.empty())).isInstanceOf(IllegalArgumentException.class);

        ChatEvent removed = new ChatEvent(chat, 3, T0, new EventData.MemberRemoved(bob, Role.ADMIN));
        assertThat(LoggedEvent.of(removed).member()).hasValue(new Membership(bob, Role.ADMIN));
        assertThat(LoggedEvent.of(removed).replay(Optional.empty())).isEqualTo(removed);
        Message media = Message.media(new MessageId(UUID.randomUUID()), chat, 4, ada,
                                      MediaAsset.uploading(ResourceType.RAW, "k").failed("x"), T0);
        for (EventData data : List.of(new EventData.MessageDeleted(media.id()), new EventData.MediaFailed(media),
                                      new EventData.MemberAdded(ada, Role.OWNER))) {
            ChatEvent event = new ChatEvent(chat, 5, T0, data);
            assertThat(LoggedEvent.of(event).replay(Optional.of(media))).isEqualTo(event);
        }
        assertThatThrownBy(() -> new LoggedEvent(chat, 1, T0, ChatEventType.MEMBER_ADDED, Optional.of(media.id()), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Reason reason(Decision decision) {
        return ((Decision.Rejected) decision).reason();
    }
}
