package com.chirpchat.application.message;

import com.chirpchat.domain.message.Message;

/** The message, and whether this request created it (false: a retry returned the first one). */
public record PostedMessage(Message message, boolean created) {
}
