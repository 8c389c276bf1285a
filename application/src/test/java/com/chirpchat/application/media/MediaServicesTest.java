package com.chirpchat.application.media;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.fakes.FakeMediaStore;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.common.RuleViolationException;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaServicesTest {
    private static final MediaFacts JPEG = new MediaFacts(Optional.of("jpg"), OptionalLong.of(50_000), OptionalInt.of(1024),
                                                          OptionalInt.of(768), OptionalDouble.empty());

    private final TestApp app = new TestApp();
    private final User ada = app.user("ada");
    private final User bob = app.user("bob");
    private final User eve = app.user("eve");
    private final Chat chat = app.chat(ada, bob);

    @Test
    void requestingAnUploadCreatesAnUploadingMessageInTheChatsFolder() {
        UploadTicket ticket = request(ResourceType.IMAGE, "cat.JPG", 50_000, null);
        Message message = ticket.message();
        assertThat(ticket.created()).isTrue();
        assertThat(message.media().orElseThrow().status()).isEqualTo(MediaStatus.UPLOADING);
        assertThat(message.media().orElseThrow().assetKey()).isEqualTo("chats/" + chat.id() + "/" + message.id());
        UploadSpec spec = app.media.signed.getLast();
        assertThat(spec.folder()).isEqualTo("chats/" + chat.id());
        assertThat(spec.name()).isEqualTo(message.id().toString());
        assertThat(spec.allowedFormats()).contains("jpg", "png").doesNotContain("mp4");
        assertThat(app.fanout.published.getLast().type()).isEqualTo(ChatEventType.MESSAGE_CREATED);
    }

    @Test
    void declaredLimitsAreCheckedUpFrontAndNothingIsCreated() {
        assertThatThrownBy(() -> request(ResourceType.IMAGE, "huge.png", 21L << 20, null))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> request(ResourceType.IMAGE, "movie.mp4", 10, null))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
        assertThatThrownBy(() -> request(ResourceType.RAW, "noextension", 10, null))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
        assertThatThrownBy(() -> request(ResourceType.RAW, "empty.pdf", 0, null))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThatThrownBy(() -> app.requestUpload.request(new RequestUploadCommand(eve.id(), chat.id(), ResourceType.IMAGE,
                                                                                    Optional.empty(), OptionalLong.empty(), Optional.empty())))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_MEMBER));
        assertThat(app.store.chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
        assertThat(app.media.signed).isEmpty();
    }

    @Test
    void aRetriedRequestSignsTheSameMessageAgain() {
        UploadTicket first = request(ResourceType.VIDEO, "clip.mp4", 1000, "up-1");
        UploadTicket again = request(ResourceType.VIDEO, "clip.mp4", 1000, "up-1");
        assertThat(again.created()).isFalse();
        assertThat(again.message().id()).isEqualTo(first.message().id());
        assertThat(app.media.signed).hasSize(2).extracting(UploadSpec::assetKey).containsOnly(first.message().media().orElseThrow().assetKey());
        assertThatThrownBy(() -> request(ResourceType.AUDIO, "clip.mp3", 1000, "up-1"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        // once the file has arrived there is nothing left to sign
        String key = first.message().media().orElseThrow().assetKey();
        MediaFacts mp4 = new MediaFacts(Optional.of("mp4"), OptionalLong.of(1000), OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());
        app.handleNotification.handle(app.media.notification(new MediaNotification.Uploaded("u", key, mp4, Optional.empty())));
        assertThatThrownBy(() -> request(ResourceType.VIDEO, "clip.mp4", 1000, "up-1"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
    }

    @Test
    void outsidersAreToldTheyAreOutsidersBeforeAnythingAboutLimits() {
        assertThatThrownBy(() -> app.requestUpload.request(new RequestUploadCommand(eve.id(), chat.id(), ResourceType.IMAGE,
                                                                                    Optional.of("huge.png"), OptionalLong.of(1L << 40),
                                                                                    Optional.empty())))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_MEMBER));
    }

    @Test
    void uploadThenProcessingMakesTheMediaReadyOnceHoweverOftenItIsSaid() {
        Message message = request(ResourceType.IMAGE, "cat.jpg", 50_000, null).message();
        String key = message.media().orElseThrow().assetKey();
        var uploaded = app.media.notification(new MediaNotification.Uploaded("n-upload", key, JPEG, Optional.empty()));
        var processed = app.media.notification(new MediaNotification.Processed("n-eager", key, List.of("thumbnail_250", "preview_800")));

        assertThat(app.handleNotification.handle(uploaded)).isEqualTo(NotificationOutcome.APPLIED);
        assertThat(app.store.message(message.id()).orElseThrow().media().orElseThrow().status()).isEqualTo(MediaStatus.PROCESSING);
        assertThat(app.handleNotification.handle(processed)).isEqualTo(NotificationOutcome.APPLIED);
        assertThat(app.handleNotification.handle(processed)).isEqualTo(NotificationOutcome.ALREADY_KNOWN);
        assertThat(app.handleNotification.handle(uploaded)).isEqualTo(NotificationOutcome.ALREADY_KNOWN);
        // the same facts in a new notification (a retry with another id) change nothing either
        var retried = app.media.notification(new MediaNotification.Processed("n-eager-2", key, List.of("thumbnail_250")));
        assertThat(app.handleNotification.handle(retried)).isEqualTo(NotificationOutcome.ALREADY_KNOWN);

        List<ChatEvent> settled = mediaEvents();
        assertThat(settled).hasSize(1);
        assertThat(settled.get(0).type()).isEqualTo(ChatEventType.MEDIA_PROCESSED);
        Message ready = app.store.message(message.id()).orElseThrow();
        assertThat(ready.media().orElseThrow().madeVariants()).containsExactly("thumbnail_250", "preview_800");
        assertThat(ready.media().orElseThrow().measured().width()).hasValue(1024);
    }

    @Test
    void processingReportedFirstStillEndsReady() {
        Message message = request(ResourceType.AUDIO, "song.mp3", 3000, null).message();
        String key = message.media().orElseThrow().assetKey();
        MediaFacts mp3 = new MediaFacts(Optional.of("mp3"), OptionalLong.of(3000), OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.of(3.2));
        app.handleNotification.handle(app.media.notification(new MediaNotification.Processed("e", key, List.of("mp3", "waveform"))));
        assertThat(mediaEvents()).isEmpty();
        app.handleNotification.handle(app.media.notification(new MediaNotification.Uploaded("u", key, mp3, Optional.empty())));
        assertThat(mediaEvents()).extracting(ChatEvent::type).containsExactly(ChatEventType.MEDIA_PROCESSED);
    }

    @Test
    void anUploadBreakingTheLimitsFailsAndIsDestroyed() {
        Message message = request(ResourceType.IMAGE, "liar.jpg", 1000, null).message();
        String key = message.media().orElseThrow().assetKey();
        MediaFacts reallyAVideo = new MediaFacts(Optional.of("mp4"), OptionalLong.of(1000), OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());
        app.handleNotification.handle(app.media.notification(new MediaNotification.Uploaded("u", key, reallyAVideo, Optional.empty())));
        app.handleNotification.handle(app.media.notification(new MediaNotification.Processed("e", key, List.of("thumbnail_250"))));

        assertThat(mediaEvents()).extracting(ChatEvent::type).containsExactly(ChatEventType.MEDIA_FAILED);
        assertThat(app.store.message(message.id()).orElseThrow().media().orElseThrow().failureReason())
                .hasValueSatisfying(r -> assertThat(r).contains("not allowed"));
        assertThat(app.store.queuedDeletions()).containsExactly(key);
    }

    @Test
    void aFailureNotificationFailsTheMediaOnce() {
        Message message = request(ResourceType.VIDEO, "broken.mp4", 1000, null).message();
        String key = message.media().orElseThrow().assetKey();
        var failed = app.media.notification(new MediaNotification.Failed("f", key, "corrupt video"));
        app.handleNotification.handle(failed);
        app.handleNotification.handle(app.media.notification(new MediaNotification.Failed("f2", key, "corrupt video")));
        assertThat(mediaEvents()).extracting(ChatEvent::type).containsExactly(ChatEventType.MEDIA_FAILED);
    }

    @Test
    void forgedStaleAndUnknownNotificationsChangeNothing() {
        Message message = request(ResourceType.IMAGE, "cat.jpg", 1000, null).message();
        String key = message.media().orElseThrow().assetKey();
        var good = app.media.notification(new MediaNotification.Uploaded("u", key, JPEG, Optional.of(List.of("thumbnail_250"))));
        assertThatThrownBy(() -> app.handleNotification.handle(new RawNotification(good.body(), "1", "forged")))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        assertThatThrownBy(() -> app.handleNotification.handle(new RawNotification(good.body(), FakeMediaStore.STALE_TIMESTAMP,
                                                                                   FakeMediaStore.GOOD_SIGNATURE)))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_REQUEST));
        var stranger = app.media.notification(new MediaNotification.Uploaded("x", "chats/none/none", JPEG, Optional.empty()));
        assertThat(app.handleNotification.handle(stranger)).isEqualTo(NotificationOutcome.NO_SUCH_MEDIA);
        assertThat(app.handleNotification.handle(app.media.notification(new MediaNotification.Irrelevant("i", "rename"))))
                .isEqualTo(NotificationOutcome.IGNORED);
        assertThat(app.store.message(message.id()).orElseThrow().media().orElseThrow().status()).isEqualTo(MediaStatus.UPLOADING);
        assertThat(mediaEvents()).isEmpty();
    }

    @Test
    void anUploadArrivingForADeletedMessageIsDestroyedToo() {
        Message message = request(ResourceType.IMAGE, "cat.jpg", 1000, null).message();
        String key = message.media().orElseThrow().assetKey();
        app.deleteMessage.delete(ada.id(), message.id());
        assertThat(app.store.queuedDeletions()).containsExactly(key);
        var late = app.media.notification(new MediaNotification.Uploaded("late", key, JPEG, Optional.empty()));
        assertThat(app.handleNotification.handle(late)).isEqualTo(NotificationOutcome.NO_SUCH_MEDIA);
    }

    @Test
    void membersGetLinksOnlyOnceReadyOutsidersNothing() {
        Message message = request(ResourceType.IMAGE, "cat.jpg", 1000, null).message();
        String key = message.media().orElseThrow().assetKey();
        assertThat(app.viewMedia.media(bob.id(), message.id()).links()).isEmpty();
        app.handleNotification.handle(app.media.notification(new MediaNotification.Uploaded("u", key, JPEG,
                                                                                             Optional.of(List.of("thumbnail_250", "preview_800")))));
        MediaView view = app.viewMedia.media(bob.id(), message.id());
        MediaLinks links = view.links().orElseThrow();
        assertThat(links.expiresAt()).isEqualTo(app.clock.instant().plusSeconds(300));
        assertThat(links.variants()).containsOnlyKeys("thumbnail_250", "preview_800");

        assertThatThrownBy(() -> app.viewMedia.media(eve.id(), message.id()))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
        assertThatThrownBy(() -> app.viewMedia.media(bob.id(), new MessageId(UUID.randomUUID())))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        app.deleteMessage.delete(ada.id(), message.id());
        assertThatThrownBy(() -> app.viewMedia.media(bob.id(), message.id()))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void urlLifetimeIsBoundedByTheContract() {
        assertThatThrownBy(() -> new ViewMediaService(app.store, app.access, app.media, java.time.Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private UploadTicket request(ResourceType type, String fileName, long bytes, String clientId) {
        return app.requestUpload.request(new RequestUploadCommand(ada.id(), chat.id(), type, Optional.ofNullable(fileName),
                                                                  OptionalLong.of(bytes), Optional.ofNullable(clientId).map(ClientMessageId::new)));
    }

    private List<ChatEvent> mediaEvents() {
        return app.fanout.published.stream()
                .filter(e -> e.type() == ChatEventType.MEDIA_PROCESSED || e.type() == ChatEventType.MEDIA_FAILED)
                .toList();
    }
}
