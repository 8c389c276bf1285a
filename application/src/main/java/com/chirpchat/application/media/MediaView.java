package com.chirpchat.application.media;

import java.util.Optional;

import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.message.Message;

/** A media message's asset, with expiring links once it is ready. */
public record MediaView(Message message, MediaAsset asset, Optional<MediaLinks> links) {
}
