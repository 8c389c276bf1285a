package com.chirpchat.application.message;

import java.util.List;
import java.util.OptionalLong;

import com.chirpchat.domain.message.Message;

/** Messages newest first, and the {@code before} value for the next (older) page; empty at the start of the chat. */
public record MessagePage(List<Message> items, OptionalLong nextBefore) {
    public MessagePage {
        items = List.copyOf(items);
    }
}
