package com.chirpchat.application.media;

import com.chirpchat.domain.message.Message;

/** The placeholder media message and the signed upload for its file; {@code created} is false for a retry. */
public record UploadTicket(Message message, SignedUpload upload, boolean created) {
}
