package com.chirpchat.application.chat;

import java.util.List;

import com.chirpchat.application.access.ChatAccess;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.user.UserId;

public final class ViewChatsService implements ViewChatsUseCase {
    private final LoadChatPort chats;

    public ViewChatsService(LoadChatPort chats) {
        this.chats = chats;
    }

    @Override
    public List<Chat> chatsOf(UserId caller) {
        return chats.chatsOf(caller);
    }

    @Override
    public Chat chat(UserId caller, ChatId chatId) {
        // the chat carries its whole roster: one read answers both "is there such a chat" and "may the caller see it"
        Chat chat = chats.chat(chatId).orElseThrow(() -> UseCaseException.notFound("no chat " + chatId));
        ChatAccess.require(MembershipRules.mayRead(chat, caller));
        return chat;
    }
}
