package com.chirpchat.application.media;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;

/**
 * Tidies up after clients and the media store:
 * <ul>
 *     <li>a media message whose upload never arrived within {@code uploadTimeout} (the client gave up, or crashed)
 *     fails with {@code media_failed}, so members don't wait on it forever; whatever might still arrive is queued
 *     for deletion;</li>
 *     <li>notifications handled longer ago than {@code notificationRetention} are forgotten: the store has long
 *     stopped repeating them, and media state itself still makes a late repeat harmless.</li>
 * </ul>
 */
public final class MediaHousekeeping {
    private static final System.Logger LOG = System.getLogger(MediaHousekeeping.class.getName());
    static final int BATCH = 100;

    private final LoadMessagePort messages;
    private final ChangeChatPort ledger;
    private final ForgetNotificationsPort notifications;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Duration uploadTimeout;
    private final Duration notificationRetention;

    public MediaHousekeeping(LoadMessagePort messages, ChangeChatPort ledger, ForgetNotificationsPort notifications,
                             EventPublisher publisher, Clock clock, Duration uploadTimeout, Duration notificationRetention) {
        if (uploadTimeout.compareTo(Duration.ofHours(1)) < 0) {
            // an upload signature stays valid for an hour: failing earlier would fail uploads still allowed to come
            throw new IllegalArgumentException("the upload timeout must be at least an hour, not " + uploadTimeout);
        }
        this.messages = messages;
        this.ledger = ledger;
        this.notifications = notifications;
        this.publisher = publisher;
        this.clock = clock;
        this.uploadTimeout = uploadTimeout;
        this.notificationRetention = notificationRetention;
    }

    /** One round; returns how many abandoned uploads it failed. */
    public int runOnce() {
        Instant now = clock.instant();
        List<Message> abandoned = messages.uploadsStartedBefore(now.minus(uploadTimeout), BATCH);
        int failed = 0;
        for (Message message : abandoned) {
            Optional<ChatEvent> event = ledger.change(message.chatId(), chat -> {
                Optional<Message> current = chat.message(message.id()).filter(m -> !m.deleted());
                Optional<MediaAsset> media = current.flatMap(Message::media).filter(a -> a.status() == MediaStatus.UPLOADING);
                if (media.isEmpty()) {
                    return Optional.<ChatEvent>empty(); // the upload arrived, or the message went, meanwhile
                }
                MediaAsset gaveUp = media.get().failed("the upload never arrived");
                chat.scheduleMediaDeletion(gaveUp.assetKey(), gaveUp.resourceType(), now);
                return Optional.of(chat.settleMedia(message.id(), gaveUp, now));
            });
            if (event.isPresent()) {
                publisher.publish(event.get());
                failed++;
            }
        }
        int forgotten = notifications.forgetNotificationsBefore(now.minus(notificationRetention));
        if (failed > 0 || forgotten > 0) {
            LOG.log(Level.INFO, "housekeeping: " + failed + " abandoned uploads failed, " + forgotten + " old notifications forgotten");
        }
        return failed;
    }
}
