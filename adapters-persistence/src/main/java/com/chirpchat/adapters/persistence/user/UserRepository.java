package com.chirpchat.adapters.persistence.user;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.PersistenceException;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.LoadUserPort;
import com.chirpchat.domain.user.DisplayName;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;
import io.helidon.dbclient.DbRow;

/** User accounts in {@code users}; the unique constraint on {@code username} settles registration races. */
public final class UserRepository implements LoadUserPort, CreateUserPort {
    private static final String COLUMNS = "id, username, display_name, password_hash";
    private static final String INSERT = """
            INSERT INTO users (id, username, display_name, password_hash, created_at)
            VALUES (CAST(:id AS UUID), :username, :displayName, :hash, :createdAt)""";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = CAST(:id AS UUID)";
    private static final String BY_USERNAME = "SELECT " + COLUMNS + " FROM users WHERE username = :username";
    // ids per IN list: far below both databases' parameter limits, large enough that a 1000-member chat is 2 queries
    private static final int IN_CHUNK = 500;

    private final Sql sql;

    public UserRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean create(User user, String passwordHash, Instant createdAt) {
        Params params = Params.of("id", user.id().value())
                .and("username", user.username().value())
                .and("displayName", user.displayName().value())
                .and("hash", passwordHash)
                .and("createdAt", createdAt);
        try {
            sql.update("insert-user", INSERT, params);
            return true;
        } catch (PersistenceException e) {
            // the loser of a race for a name is told "taken"; any other unique clash (the id) is a real error
            if (e.isUniqueViolation() && !sql.transactionOpen() && byUsername(user.username()).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<User> byId(UserId id) {
        return sql.one("user-by-id", BY_ID, Params.of("id", id.value()), UserRepository::user);
    }

    @Override
    public Optional<User> byUsername(Username username) {
        return credentials(username).map(Credentials::user);
    }

    @Override
    public Optional<Credentials> credentials(Username username) {
        return sql.one("user-by-username", BY_USERNAME, Params.of("username", username.value()),
                       row -> new Credentials(user(row), Rows.string(row, "password_hash")));
    }

    @Override
    public Set<UserId> existing(Collection<UserId> ids) {
        List<UserId> all = List.copyOf(new HashSet<>(ids));
        Set<UserId> found = new HashSet<>();
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<UserId> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            found.addAll(existingAmong(chunk));
        }
        return found;
    }

    private List<UserId> existingAmong(List<UserId> chunk) {
        // one named placeholder per id: the statement text varies with the count, never with the values
        StringJoiner placeholders = new StringJoiner(", ", "(", ")");
        Params params = Params.none();
        for (int i = 0; i < chunk.size(); i++) {
            placeholders.add("CAST(:id" + i + " AS UUID)");
            params.and("id" + i, chunk.get(i).value());
        }
        String statement = "SELECT id FROM users WHERE id IN " + placeholders;
        return sql.list("existing-users", statement, params, row -> new UserId(Rows.uuid(row, "id")));
    }

    private static User user(DbRow row) {
        return new User(new UserId(Rows.uuid(row, "id")),
                        new Username(Rows.string(row, "username")),
                        DisplayName.stored(Rows.string(row, "display_name")));
    }
}
