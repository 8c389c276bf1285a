package com.chirpchat.application.media;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.ledger.AbandonUpload;
import com.chirpchat.domain.ledger.Outcome;
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
            // decided again under the chat's lock: the upload may have arrived, or the message gone, meanwhile
            Outcome.Accepted<Boolean> abandon = ledger.apply(new AbandonUpload(message.chatId(), message.id(), now),
                                                             publisher::publishCommitted);
            failed += abandon.result() ? 1 : 0;
        }
        int forgotten = notifications.forgetNotificationsBefore(now.minus(notificationRetention));
        if (failed > 0 || forgotten > 0) {
            LOG.log(Level.INFO, "housekeeping: " + failed + " abandoned uploads failed, " + forgotten + " old notifications forgotten");
        }
        return failed;
    }
}
