package com.chirpchat.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    private static final ChatId CHAT = new ChatId(UUID.randomUUID());
    private static final UserId USER = new UserId(UUID.randomUUID());
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");

    static List<ChatEvent> events() {
        Message text = Message.text(new MessageId(UUID.randomUUID()), CHAT, 3, USER, new MessageText("hé \"there\"\n😀"), AT);
        MediaFacts facts = new MediaFacts(Optional.of("jpg"), OptionalLong.of(2048), OptionalInt.of(640), OptionalInt.of(480),
                                          OptionalDouble.of(1.5));
        MediaAsset ready = MediaAsset.uploading(ResourceType.VIDEO, "chats/x/y").uploaded(facts).processed(List.of("mp4", "hls"));
        Message media = Message.media(new MessageId(UUID.randomUUID()), CHAT, 4, USER, ready, AT);
        Message failed = Message.media(new MessageId(UUID.randomUUID()), CHAT, 5, USER,
                                       MediaAsset.uploading(ResourceType.RAW, "k").failed("too big"), AT);
        return List.of(new ChatEvent(CHAT, 3, AT, new EventData.MessageCreated(text)),
                       new ChatEvent(CHAT, 4, AT, new EventData.MediaProcessed(media)),
                       new ChatEvent(CHAT, 5, AT, new EventData.MediaFailed(failed)),
                       new ChatEvent(CHAT, 6, AT, new EventData.MessageCreated(text.tombstone())),
                       new ChatEvent(CHAT, 7, AT, new EventData.MessageDeleted(text.id())),
                       new ChatEvent(CHAT, 8, AT, new EventData.MemberAdded(USER, Role.ADMIN)),
                       new ChatEvent(CHAT, 9, AT, new EventData.MemberRemoved(USER, Role.MEMBER)),
                       new ChatEvent(CHAT, 11, AT, new EventData.MemberRoleChanged(USER, Role.OWNER)),
                       new ChatEvent(CHAT, 10, AT, new EventData.MessageCreated(Message.media(new MessageId(UUID.randomUUID()), CHAT, 10,
                               USER, MediaAsset.uploading(ResourceType.IMAGE, "k").processed(List.of("thumbnail_250")), AT))));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventSurvivesTheRoundTrip(ChatEvent event) {
        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventSurvivesTheRoundTripAsBytesInsideALargerMessage(ChatEvent event) {
        byte[] encoded = EventCodec.encodeBytes(event);
        assertThat(encoded).isEqualTo(EventCodec.encode(event).getBytes(StandardCharsets.UTF_8));
        byte[] message = new byte[encoded.length + 7];
        Arrays.fill(message, (byte) '}');
        System.arraycopy(encoded, 0, message, 3, encoded.length);
        assertThat(EventCodec.decode(message, 3, encoded.length)).isEqualTo(event);
    }

    @Test
    void bytesThatAreNotAnEventAreRefused() {
        byte[] json = "xx[1,2]{\"type\":\"message_created\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventCodec.decode(json, 2, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode(json, 7, json.length - 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode(json, 7, 3)).as("cut short").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode(json, 0, json.length + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicJsonFollowsTheContract() throws Exception {
        ChatEvent created = events().get(1);
        JsonNode node = Json.mapper().readTree(DomainJson.eventText(created));
        assertThat(node.get("type").asText()).isEqualTo("media_processed");
        assertThat(node.get("at").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
        JsonNode media = node.get("data").get("media");
        assertThat(media.get("status").asText()).isEqualTo("ready");
        assertThat(media.get("variants").toString()).isEqualTo("[\"mp4\",\"hls\"]");
        assertThat(media.has("assetKey")).as("storage keys stay on the server").isFalse();
        assertThat(node.get("data").get("text").isNull()).isTrue();
        assertThat(Times.format(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("2026-01-01T00:00:00.000Z");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"nope\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
