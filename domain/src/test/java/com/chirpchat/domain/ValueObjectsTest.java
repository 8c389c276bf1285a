package com.chirpchat.domain;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.InvalidValueException;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.DisplayName;
import com.chirpchat.domain.user.Password;
import com.chirpchat.domain.user.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a_b.c-d", "user123", "abcdefghijklmnopqrstuvwxyz012345"})
    void validUsernames(String name) {
        assertThat(new Username(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Abc", "has space", "émile", "abcdefghijklmnopqrstuvwxyz0123456", "a/b"})
    void invalidUsernames(String name) {
        assertThatThrownBy(() -> new Username(name))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("username");
    }

    @Test
    void passwordLengthCountsCharactersAndHidesItself() {
        assertThatThrownBy(() -> new Password("1234567")).isInstanceOf(InvalidValueException.class);
        assertThat(new Password("12345678").reveal()).isEqualTo("12345678");
        assertThat(new Password("x".repeat(128)).reveal()).hasSize(128);
        assertThatThrownBy(() -> new Password("x".repeat(129))).isInstanceOf(InvalidValueException.class);
        assertThat(new Password("secret-secret").toString()).doesNotContain("secret-secret");
    }

    @Test
    void messageTextIsOneTo4000CodePoints() {
        assertThat(new MessageText("x").value()).isEqualTo("x");
        assertThat(new MessageText("😀".repeat(4000)).value()).hasSize(8000); // 4000 code points, 8000 chars
        assertThatThrownBy(() -> new MessageText("x".repeat(4001))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new MessageText("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new MessageText("   \n")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new MessageText("bell\u0007")).isInstanceOf(InvalidValueException.class);
        assertThat(new MessageText("line one\nline two\ttabbed").value()).contains("\n");
    }

    @Test
    void titlesAndDisplayNamesAreTrimmedSingleLines() {
        assertThat(new ChatTitle("  Friends  ").value()).isEqualTo("Friends");
        assertThatThrownBy(() -> new ChatTitle("two\nlines")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ChatTitle("x".repeat(201))).isInstanceOf(InvalidValueException.class);
        assertThat(new DisplayName(" Ada ").value()).isEqualTo("Ada");
        assertThatThrownBy(() -> new DisplayName("")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void clientMessageIdsAreShortVisibleAscii() {
        assertThat(new ClientMessageId("c-1").value()).isEqualTo("c-1");
        assertThatThrownBy(() -> new ClientMessageId("has space")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ClientMessageId("x".repeat(65))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void idsMustBeCanonicalUuids() {
        String id = "123e4567-e89b-12d3-a456-426614174000";
        assertThat(ChatId.parse(id).toString()).isEqualTo(id);
        assertThatThrownBy(() -> ChatId.parse("1-1-1-1-1")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ChatId.parse("not-a-uuid")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ChatId.parse(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void rolesParseFromWireNames() {
        assertThat(Role.parse("admin")).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> Role.parse("ADMIN")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Role.parse("king")).isInstanceOf(InvalidValueException.class);
    }
}
