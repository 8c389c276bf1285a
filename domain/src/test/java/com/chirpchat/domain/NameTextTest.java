package com.chirpchat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.common.InvalidValueException;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.DisplayName;

import org.junit.jupiter.api.Test;

/** The naming rule: names look like what they are; message text stays as written. */
class NameTextTest {
    @Test
    void namesAreNormalisedToNfcAndTrimmed() {
        assertThat(new DisplayName("  Cafe\u0301 ").value()).isEqualTo("Caf\u00E9");
        assertThat(new ChatTitle("A\u030Angstr\u00F6m").value()).isEqualTo("\u00C5ngstr\u00F6m");
        assertThat(new DisplayName("\u05E9\u05DC\u05D5\u05DD \uD83D\uDE00").value()).as("RTL letters and emoji are fine")
                .isEqualTo("\u05E9\u05DC\u05D5\u05DD \uD83D\uDE00");
        assertThat(new DisplayName("e\u0301\u0301").value()).as("marks on a letter are visible").isNotBlank();
    }

    @Test
    void invisibleAndMisleadingCharactersAreRefused() {
        String[] bad = {"admin\u202Egpj.exe", "\u2066x\u2069", "a\u200Bb", "a\u200Db", "\uFEFFa", "a\u00ADb", "a\u200Fb",
                "a\uDB40\uDC41b", "a\u2028b", "\u3164", "\u115F\u1160", "\u2800 \u2800", "\u0301", "\uFE0F", "\t",
                "a\tb", "a\u0378b", "a\uD800", "\uDC00a"};
        for (String name : bad) {
            assertThatThrownBy(() -> new DisplayName(name)).as(name).isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("displayName:");
            assertThatThrownBy(() -> new ChatTitle(name)).as(name).isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("title:");
        }
    }

    @Test
    void messageTextKeepsEmojiSequencesButNotLoneSurrogates() {
        String text = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08 e\u0301 \u202Bx\u202C";
        assertThat(new MessageText(text).value()).isEqualTo(text);
        assertThatThrownBy(() -> new MessageText("a\uD800b")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new MessageText("\uDE00\uD83D")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void namesStoredBeforeTheRuleAreReadCleaned() {
        assertThat(DisplayName.stored("admin\u202Egpj.exe").value()).isEqualTo("admingpj.exe");
        assertThat(DisplayName.stored("\u3164").value()).isEqualTo("(no name)");
        assertThat(ChatTitle.stored("\u200B\u200B").value()).isEqualTo("(untitled)");
        assertThat(ChatTitle.stored("Plans").value()).isEqualTo("Plans");
        assertThat(DisplayName.stored("\u0958".repeat(64)).value()).as("NFC made it longer").hasSize(64);
    }
}
