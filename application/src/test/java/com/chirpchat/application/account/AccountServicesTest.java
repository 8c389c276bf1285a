package com.chirpchat.application.account;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.domain.user.Password;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountServicesTest {
    private final TestApp app = new TestApp();
    private final LoginThrottle throttle = new LoginThrottle(
            new com.chirpchat.application.limits.RateLimiter(new com.chirpchat.application.fakes.MemoryRateCounters(), app.clock),
            new LoginThrottle.Settings(3, 30, Duration.ofMinutes(10)));
    private final LogInService logIn = new LogInService(app.store, app.hasher, app.sessions, throttle);
    private final AuthenticateService authenticate = app.authenticate;
    private final ViewUsersService viewUsers = new ViewUsersService(app.store);

    @Test
    void registeringStoresAHashNotThePassword() {
        User ada = app.register.register(RegisterUserCommand.of("ada", "correct horse", "Ada L."));
        assertThat(ada.displayName().value()).isEqualTo("Ada L.");
        String stored = app.store.credentials(new Username("ada")).orElseThrow().passwordHash();
        assertThat(stored).isNotEqualTo("correct horse").isEqualTo(app.hasher.hash(new Password("correct horse")));
    }

    @Test
    void displayNameDefaultsToUsername() {
        assertThat(app.register.register(RegisterUserCommand.of("bob", "password1", null)).displayName().value()).isEqualTo("bob");
    }

    @Test
    void aTakenUsernameIsAConflict() {
        app.register.register(RegisterUserCommand.of("ada", "password1", null));
        assertThatThrownBy(() -> app.register.register(RegisterUserCommand.of("ada", "password2", null)))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void logInIssuesATokenThatAuthenticates() {
        User ada = app.register.register(RegisterUserCommand.of("ada", "password1", null));
        SessionTokens token = logIn.logIn(new LogInCommand("ada", "password1"));
        assertThat(authenticate.authenticate(token.access().token())).isEqualTo(ada.id());
    }

    @Test
    void wrongPasswordAndUnknownUserLookAlike() {
        app.register.register(RegisterUserCommand.of("ada", "password1", null));
        int before = app.hasher.verifications.get();
        assertThatThrownBy(() -> logIn.logIn(new LogInCommand("ada", "password2")))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                .hasMessage("wrong username or password");
        assertThatThrownBy(() -> logIn.logIn(new LogInCommand("nobody", "password1")))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                .hasMessage("wrong username or password");
        assertThatThrownBy(() -> logIn.logIn(new LogInCommand("Not Valid!", "short")))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThat(app.hasher.verifications.get() - before).as("every attempt pays for one hash check").isEqualTo(3);
    }

    @Test
    void repeatedFailuresAreThrottledUntilTheWindowPasses() {
        app.register.register(RegisterUserCommand.of("ada", "password1", null));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> logIn.logIn(new LogInCommand("ada", "wrong-password"))).isInstanceOf(UseCaseException.class);
        }
        assertThatThrownBy(() -> logIn.logIn(new LogInCommand("ada", "password1")))
                .isInstanceOfSatisfying(UseCaseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(11)));
                });
        app.clock.advance(Duration.ofMinutes(11));
        assertThat(logIn.logIn(new LogInCommand("ada", "password1")).access().token()).isNotBlank();
    }

    @Test
    void badTokensAndTokensOfUnknownUsersAreRefused() {
        assertThatThrownBy(() -> authenticate.authenticate("garbage")).isInstanceOf(UseCaseException.class);
        assertThatThrownBy(() -> authenticate.authenticate("")).isInstanceOf(UseCaseException.class);
        String orphan = app.tokens.issue(new UserId(UUID.randomUUID()), new SessionId(UUID.randomUUID())).token();
        assertThatThrownBy(() -> authenticate.authenticate(orphan))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void usersAreFoundByExactUsername() {
        User ada = app.register.register(RegisterUserCommand.of("ada", "password1", null));
        assertThat(viewUsers.byUsername("ada")).containsExactly(ada);
        assertThat(viewUsers.byUsername("ad")).isEmpty();
        assertThat(viewUsers.byUsername("ADA")).isEmpty();
        assertThat(viewUsers.me(ada.id())).isEqualTo(ada);
        assertThatThrownBy(() -> viewUsers.byUsername("")).isInstanceOf(UseCaseException.class);
        assertThat(List.of(viewUsers.byUsername("x y"))).containsExactly(List.of());
    }
}
