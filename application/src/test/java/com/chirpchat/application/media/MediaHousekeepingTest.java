package com.chirpchat.application.media;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaHousekeepingTest {
    private final TestApp app = new TestApp();
    private final MediaHousekeeping housekeeping = new MediaHousekeeping(app.store, app.store, app.store, app.publisher, app.clock,
                                                                         Duration.ofHours(2), Duration.ofDays(7));
    private final User ada = app.user("ada");
    private final Chat chat = app.chat(ada);

    @Test
    void anUploadThatNeverArrivesFailsOnceAfterTheTimeout() {
        Message abandoned = request();
        Message arrived = request();
        app.handleNotification.handle(app.media.notification(new MediaNotification.Uploaded("u", arrived.media().orElseThrow().assetKey(),
                new MediaFacts(Optional.of("png"), OptionalLong.of(10), OptionalInt.of(1), OptionalInt.of(1), OptionalDouble.empty()),
                Optional.empty())));

        app.clock.advance(Duration.ofMinutes(119));
        assertThat(housekeeping.runOnce()).as("not yet").isZero();
        app.clock.advance(Duration.ofMinutes(2));
        assertThat(housekeeping.runOnce()).isEqualTo(1);
        assertThat(housekeeping.runOnce()).as("once").isZero();

        Message failed = app.store.message(abandoned.id()).orElseThrow();
        assertThat(failed.media().orElseThrow().status()).isEqualTo(MediaStatus.FAILED);
        assertThat(failed.media().orElseThrow().failureReason()).hasValue("the upload never arrived");
        assertThat(app.store.message(arrived.id()).orElseThrow().media().orElseThrow().status()).isEqualTo(MediaStatus.PROCESSING);
        List<ChatEvent> failures = app.fanout.published.stream().filter(e -> e.type() == ChatEventType.MEDIA_FAILED).toList();
        assertThat(failures).hasSize(1);
        assertThat(app.store.queuedDeletions()).containsExactly(abandoned.media().orElseThrow().assetKey());
    }

    @Test
    void oldNotificationsAreForgotten() {
        Message message = request();
        var notification = app.media.notification(new MediaNotification.Failed("n-1", message.media().orElseThrow().assetKey(), "x"));
        app.handleNotification.handle(notification);
        app.clock.advance(Duration.ofDays(8));
        housekeeping.runOnce();
        // forgotten, yet a late repeat still changes nothing: the media itself knows it failed
        assertThat(app.handleNotification.handle(notification)).isEqualTo(NotificationOutcome.ALREADY_KNOWN);
    }

    @Test
    void theTimeoutNeverCutsAValidSignatureShort() {
        assertThatThrownBy(() -> new MediaHousekeeping(app.store, app.store, app.store, app.publisher, app.clock,
                                                       Duration.ofMinutes(59), Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Message request() {
        return app.requestUpload.request(new RequestUploadCommand(ada.id(), chat.id(), ResourceType.IMAGE, Optional.empty(),
                                                                  OptionalLong.empty(), Optional.empty())).message();
    }
}
