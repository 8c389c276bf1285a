package com.chirpchat.adapters.http;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import com.chirpchat.application.account.AuthenticateUseCase;
import com.chirpchat.application.account.LogInUseCase;
import com.chirpchat.application.account.LogOutUseCase;
import com.chirpchat.application.account.RefreshSessionUseCase;
import com.chirpchat.application.account.RegisterUserUseCase;
import com.chirpchat.application.account.ViewUsersUseCase;
import com.chirpchat.application.chat.AddMemberUseCase;
import com.chirpchat.application.chat.ChangeMemberRoleUseCase;
import com.chirpchat.application.chat.CreateChatUseCase;
import com.chirpchat.application.chat.RemoveMemberUseCase;
import com.chirpchat.application.chat.ViewChatsUseCase;
import com.chirpchat.application.event.ListChatEventsUseCase;
import com.chirpchat.application.event.SubscribeToChatEventsUseCase;
import com.chirpchat.application.media.HandleMediaNotificationUseCase;
import com.chirpchat.application.media.RequestUploadUseCase;
import com.chirpchat.application.media.ViewMediaUseCase;
import com.chirpchat.application.message.DeleteMessageUseCase;
import com.chirpchat.application.message.ListMessagesUseCase;
import com.chirpchat.application.message.PostMessageUseCase;

/**
 * Every use case the HTTP and WebSocket API serves; all are required.
 *
 * @param subscriptions      the {@code /ws} event stream
 * @param requestUpload      {@code POST /uploads/get-cloudinary-upload-signature}
 * @param mediaNotifications {@code POST /webhooks/cloudinary/media-processed} (it verifies the notification)
 * @param viewMedia          {@code GET /media/{messageId}}
 * @param refresh            {@code POST /auth/refresh}
 * @param logOut             {@code POST /auth/logout}, {@code POST /auth/logout-all}
 */
public record ApiUseCases(RegisterUserUseCase register,
                          LogInUseCase logIn,
                          AuthenticateUseCase authenticate,
                          ViewUsersUseCase viewUsers,
                          CreateChatUseCase createChat,
                          ViewChatsUseCase viewChats,
                          AddMemberUseCase addMember,
                          RemoveMemberUseCase removeMember,
                          ChangeMemberRoleUseCase changeRole,
                          PostMessageUseCase postMessage,
                          ListMessagesUseCase listMessages,
                          DeleteMessageUseCase deleteMessage,
                          ListChatEventsUseCase listEvents,
                          SubscribeToChatEventsUseCase subscriptions,
                          RequestUploadUseCase requestUpload,
                          HandleMediaNotificationUseCase mediaNotifications,
                          ViewMediaUseCase viewMedia,
                          RefreshSessionUseCase refresh,
                          LogOutUseCase logOut) {
    /** @throws IllegalArgumentException naming every use case that is missing */
    public ApiUseCases {
        List<String> missing = new ArrayList<>();
        Object[] given = {register, logIn, authenticate, viewUsers, createChat, viewChats, addMember, removeMember,
                changeRole, postMessage, listMessages, deleteMessage, listEvents, subscriptions, requestUpload, mediaNotifications,
                viewMedia, refresh, logOut};
        RecordComponent[] components = ApiUseCases.class.getRecordComponents();
        for (int i = 0; i < given.length; i++) {
            if (given[i] == null) {
                missing.add(components[i].getName());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("HttpApi needs " + String.join(", ", missing));
        }
    }
}
