package com.chirpchat.adapters.redis;

import com.chirpchat.application.contract.SharedFanoutContract;
import com.chirpchat.application.event.ChatEventFanout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The application's fanout contract on the real Redis, plain and sharded: each test's instances share a channel
 * prefix of their own, so runs never hear each other.
 */
class RedisFanoutContractIT {
    @BeforeAll
    static void redisIsUp() {
        RedisSupport.requireRedis();
    }

    @Nested
    class Plain extends Contract {
        Plain() {
            super(false);
        }
    }

    @Nested
    class Sharded extends Contract {
        Sharded() {
            super(true);
        }
    }

    abstract static class Contract extends SharedFanoutContract {
        private final boolean sharded;
        private String prefix;
        private int instances;

        Contract(boolean sharded) {
            this.sharded = sharded;
        }

        @BeforeEach
        void freshPrefix() {
            prefix = RedisSupport.uniquePrefix();
        }

        @Override
        protected ChatEventFanout newInstance() {
            return RedisFanout.create(RedisSupport.settings(RedisSupport.URI, prefix, sharded, "node-" + ++instances));
        }
    }
}
