package com.chirpchat.application.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import com.chirpchat.application.account.LogInCommand;
import com.chirpchat.application.account.LogInService;
import com.chirpchat.application.account.LoginThrottle;
import com.chirpchat.application.account.RegisterUserCommand;
import com.chirpchat.application.account.RegisterUserService;
import com.chirpchat.application.account.RegistrationThrottle;
import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.fakes.MemoryRateCounters;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.application.media.RequestUploadCommand;
import com.chirpchat.application.media.RequestUploadService;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.application.message.PostMessageService;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.user.User;

import org.junit.jupiter.api.Test;

/** Issue 13 items 9 and 10: throttles that cannot lock a user out, and per-user quotas; time moves only by the clock. */
class LimitsTest {
    private static final ClientAddress ATTACKER = new ClientAddress("203.0.113.66");
    private static final ClientAddress HOME = new ClientAddress("198.51.100.7");

    private final TestApp app = new TestApp();
    private final RateLimiter limiter = new RateLimiter(new MemoryRateCounters(), app.clock);
    private final LogInService logIn = new LogInService(app.store, app.hasher, app.sessions,
            new LoginThrottle(limiter, new LoginThrottle.Settings(5, 12, Duration.ofMinutes(15))));

    private static ErrorCode codeOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (UseCaseException e) {
            return e.code();
        }
    }

    @Test
    void anAttackersFailuresDoNotLockTheOwnerOut() {
        User ada = app.user("ada");
        String name = ada.username().value();
        for (int i = 0; i < 10; i++) {
            assertThat(codeOf(() -> logIn.logIn(new LogInCommand(name, "wrong-password", ATTACKER))))
                    .isIn(ErrorCode.UNAUTHENTICATED, ErrorCode.RATE_LIMITED);
        }
        assertThatThrownBy(() -> logIn.logIn(new LogInCommand(name, "password-ada", ATTACKER)))
                .as("the attacker's address is throttled even with the right password")
                .isInstanceOfSatisfying(UseCaseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30)));
                });
        assertThat(logIn.logIn(new LogInCommand(name, "password-ada", HOME)).access().token())
                .as("the owner, from an address that never failed").isNotBlank();
    }

    @Test
    void oneAddressTryingManyUsernamesIsThrottledForAll() {
        int hashesBefore = app.hasher.verifications.get();
        int unthrottled = 0;
        for (int i = 0; i < 15; i++) {
            if (codeOf(() -> logIn.logIn(new LogInCommand("user" + Math.random(), "guess-password", ATTACKER))) == ErrorCode.UNAUTHENTICATED) {
                unthrottled++;
            }
        }
        assertThat(unthrottled).as("failures before the address is throttled").isEqualTo(12);
        assertThat(app.hasher.verifications.get() - hashesBefore).as("a throttled attempt costs no hash").isEqualTo(12);
        User bob = app.user("bob");
        assertThat(codeOf(() -> logIn.logIn(new LogInCommand(bob.username().value(), "password-bob", ATTACKER))))
                .isEqualTo(ErrorCode.RATE_LIMITED);
        app.clock.advance(Duration.ofMinutes(31));
        assertThat(logIn.logIn(new LogInCommand(bob.username().value(), "password-bob", ATTACKER)).access().token())
                .as("two windows later").isNotBlank();
    }

    @Test
    void aSuccessForgetsThatAddressesFailuresForThatUser() {
        User cy = app.user("cy");
        String name = cy.username().value();
        for (int round = 0; round < 2; round++) { // 8 failures: the pair's limit (5) would have been reached
            for (int i = 0; i < 4; i++) {
                assertThat(codeOf(() -> logIn.logIn(new LogInCommand(name, "typo-password", HOME)))).isEqualTo(ErrorCode.UNAUTHENTICATED);
            }
            assertThat(logIn.logIn(new LogInCommand(name, "password-cy", HOME)).access().token()).isNotBlank();
        }
    }

    @Test
    void registrationsAreLimitedPerAddress() {
        RegisterUserService register = new RegisterUserService(app.store, app.store, app.hasher, app.ids, app.clock,
                                                               RegistrationThrottle.of(limiter, 3, Duration.ofHours(1)));
        for (int i = 0; i < 3; i++) {
            register.register(RegisterUserCommand.of("mint" + i, "password-123", null, ATTACKER));
        }
        int hashes = app.hasher.hashes.get();
        assertThatThrownBy(() -> register.register(RegisterUserCommand.of("mint9", "password-123", null, ATTACKER)))
                .isInstanceOfSatisfying(UseCaseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).isPresent();
                });
        assertThat(app.hasher.hashes.get()).as("no hash for a refused registration").isEqualTo(hashes);
        assertThat(app.store.byUsername(new com.chirpchat.domain.user.Username("mint9"))).isEmpty();
        register.register(RegisterUserCommand.of("other1", "password-123", null, HOME));
        app.clock.advance(Duration.ofHours(2));
        register.register(RegisterUserCommand.of("mint9", "password-123", null, ATTACKER));
    }

    @Test
    void postsAreLimitedPerUserAndRetriesAreNotCharged() {
        UserQuotas quotas = UserQuotas.of(limiter, new UserQuotas.Settings(3, Duration.ofMinutes(1), 10, 1000, Duration.ofDays(1)));
        PostMessageService post = new PostMessageService(app.store, app.publisher, app.ids, app.clock, quotas);
        User ada = app.user("poster");
        Chat chat = app.chat(ada);
        for (int i = 0; i < 5; i++) {
            post.post(PostMessageCommand.of(ada.id(), chat.id(), "hello", "c-1"));
        }
        post.post(PostMessageCommand.of(ada.id(), chat.id(), "two", null));
        post.post(PostMessageCommand.of(ada.id(), chat.id(), "three", null));
        long lastSeq = app.viewChats.chat(ada.id(), chat.id()).lastSeq();
        assertThatThrownBy(() -> post.post(PostMessageCommand.of(ada.id(), chat.id(), "four", null)))
                .isInstanceOfSatisfying(UseCaseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(2)));
                });
        assertThat(app.viewChats.chat(ada.id(), chat.id()).lastSeq()).as("nothing posted").isEqualTo(lastSeq);
        User bob = app.user("other");
        post.post(PostMessageCommand.of(bob.id(), app.chat(bob).id(), "mine", null));
        app.clock.advance(Duration.ofMinutes(2));
        post.post(PostMessageCommand.of(ada.id(), chat.id(), "four", null));
    }

    @Test
    void uploadSignaturesAreLimitedByCountAndBytes() {
        UserQuotas quotas = UserQuotas.of(limiter, new UserQuotas.Settings(100, Duration.ofMinutes(1), 3, 1_000_000, Duration.ofDays(1)));
        RequestUploadService upload = new RequestUploadService(app.store, app.media, app.limits, app.publisher, app.ids,
                                                               app.clock, quotas);
        User ada = app.user("uploader");
        Chat chat = app.chat(ada);
        assertThat(upload.request(image(ada, chat, "a.png", 400_000, "u-1")).created()).isTrue();
        assertThat(upload.request(image(ada, chat, "a.png", 400_000, "u-1")).created()).as("a retry, not charged").isFalse();
        assertThat(codeOf(() -> upload.request(image(ada, chat, "b.png", 700_000, null))))
                .as("bytes: 400 000 + 700 000 > 1 000 000").isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(codeOf(() -> upload.request(new RequestUploadCommand(ada.id(), chat.id(), ResourceType.IMAGE, Optional.of("b.png"),
                OptionalLong.empty(), Optional.empty())))).as("undeclared: charged the type's largest size").isEqualTo(ErrorCode.RATE_LIMITED);
        upload.request(image(ada, chat, "c.png", 100_000, null));
        upload.request(image(ada, chat, "d.png", 100_000, null));
        long lastSeq = app.viewChats.chat(ada.id(), chat.id()).lastSeq();
        assertThatThrownBy(() -> upload.request(image(ada, chat, "e.png", 1, null)))
                .as("count: the fourth signature of the day")
                .isInstanceOfSatisfying(UseCaseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofHours(1), Duration.ofDays(2)));
                });
        assertThat(app.viewChats.chat(ada.id(), chat.id()).lastSeq()).as("no media message for a refusal").isEqualTo(lastSeq);
        app.clock.advance(Duration.ofDays(2));
        upload.request(image(ada, chat, "e.png", 1, null));
    }

    private static RequestUploadCommand image(User author, Chat chat, String file, long bytes, String clientId) {
        return new RequestUploadCommand(author.id(), chat.id(), ResourceType.IMAGE, Optional.of(file), OptionalLong.of(bytes),
                                        Optional.ofNullable(clientId).map(ClientMessageId::new));
    }

    @Test
    void theSlidingWindowCarriesThePreviousWindowAndTheWaitIsExact() {
        RateLimit limit = new RateLimit("test", 10, Duration.ofMinutes(1));
        app.clock.advance(Duration.ofMillis(60_000 - app.clock.millis() % 60_000)); // the start of a window
        for (int i = 0; i < 10; i++) {
            limiter.consume(limit, "s", 1, "no");
        }
        assertThat(limiter.exceeded(limit, "s")).as("just past the window's end").hasValue(Duration.ofSeconds(61));
        app.clock.advance(Duration.ofSeconds(60 + 30)); // halfway through the next window: 10 * 0.5 = 5 remain
        assertThat(limiter.exceeded(limit, "s")).isEmpty();
        for (int i = 0; i < 5; i++) {
            limiter.consume(limit, "s", 1, "no");
        }
        assertThatThrownBy(() -> limiter.consume(limit, "s", 1, "no"))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.retryAfter()).hasValueSatisfying(
                        d -> assertThat(d).as("10 * (1 - t/60) + 6 <= 10 at t = 36 s").isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7))));
        assertThatThrownBy(() -> limiter.consume(limit, "s", 11, "no")).as("more than the limit ever allows")
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.retryAfter()).hasValue(Duration.ofMinutes(1)));
    }
}
