package com.chirpchat.application.media;

/**
 * Starts a direct upload: creates the media message in state {@code uploading} (emitting {@code message_created})
 * and signs the upload of its file. Repeating a {@code clientMessageId} returns the same message, signed anew.
 */
public interface RequestUploadUseCase {
    /**
     * @throws com.chirpchat.application.common.UseCaseException NOT_FOUND (chat)
     * @throws com.chirpchat.domain.common.RuleViolationException NOT_A_MEMBER, TOO_LARGE, UNSUPPORTED_FORMAT, INVALID
     *                                                           (declared size or name), CONFLICT (client id reused)
     */
    UploadTicket request(RequestUploadCommand command);
}
