package com.chirpchat.application.media;

import java.time.Duration;
import java.util.Optional;

import com.chirpchat.application.access.ChatAccess;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

public final class ViewMediaService implements ViewMediaUseCase {
    /** The contract allows at most this lifetime for media URLs. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    private final LoadMessagePort messages;
    private final ChatAccess access;
    private final MediaStore store;
    private final Duration lifetime;

    public ViewMediaService(LoadMessagePort messages, ChatAccess access, MediaStore store, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("media URL lifetime must be positive and at most " + MAX_LIFETIME + ", not " + lifetime);
        }
        this.messages = messages;
        this.access = access;
        this.store = store;
        this.lifetime = lifetime;
    }

    @Override
    public MediaView media(UserId caller, MessageId messageId) {
        Message message = messages.message(messageId).orElseThrow(() -> UseCaseException.notFound("no message " + messageId));
        access.requireMember(message.chatId(), caller);
        MediaAsset asset = message.media().orElseThrow(() -> UseCaseException.notFound(
                message.deleted() ? "the message was deleted" : "the message has no media"));
        Optional<MediaLinks> links = asset.status() == MediaStatus.READY ? Optional.of(store.links(asset, lifetime)) : Optional.empty();
        return new MediaView(message, asset, links);
    }
}
