package com.zoomfactor.backend.accounts;

import com.zoomfactor.domain.access.Role;
import java.util.List;
import java.util.UUID;

/** What the account endpoints answer. */
public final class Views {

    private Views() {
    }

    public record UserView(UUID id, String email, String name) {
    }

    public record AgencyView(UUID id, String name) {
    }

    /** A signed-in session: a short-lived access token, the refresh token that renews it, and who it is for. */
    public record AuthSession(String accessToken, String refreshToken, long expiresIn, UserView user, AgencyView agency,
                              Role role, UUID clientId) {
    }

    public record Me(UserView user, AgencyView agency, Role role, UUID clientId) {
    }

    /** "Who am I" for a machine: its token (never the secret) and its agency. */
    public record MachineMe(TokenView token, AgencyView agency) {
    }

    public record TokenView(UUID id, String name, String prefix, List<String> scopes) {
    }
}
