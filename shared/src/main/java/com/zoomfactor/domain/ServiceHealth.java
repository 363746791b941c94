package com.zoomfactor.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * What the server says of itself: whether it can serve, whether its database answers, and which build it is.
 * The server is only {@link Status#OK} while its database is {@link DatabaseState#UP}: without it nothing
 * an agency asks for can be answered.
 */
public record ServiceHealth(Status status, DatabaseState db, String version) {

    public ServiceHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(version, "version");
        if (status == Status.OK && db == DatabaseState.DOWN) {
            throw new IllegalArgumentException("a server whose database is down is not ok");
        }
    }

    public static ServiceHealth of(boolean databaseAnswers, String version) {
        return databaseAnswers
                ? new ServiceHealth(Status.OK, DatabaseState.UP, version)
                : new ServiceHealth(Status.UNAVAILABLE, DatabaseState.DOWN, version);
    }

    public boolean healthy() {
        return status == Status.OK;
    }

    public enum Status {
        OK("ok"), UNAVAILABLE("unavailable");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public enum DatabaseState {
        UP("up"), DOWN("down");

        private final String wire;

        DatabaseState(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
