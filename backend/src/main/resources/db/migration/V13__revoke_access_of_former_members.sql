-- A token or a pending invitation acts only for its maker's membership that existed when it was made. Those of
-- people removed before removal revoked them (or made while a removal was running) are refused already; revoking
-- and dropping them here makes the token list and the invitation list say so too.
UPDATE api_tokens t
   SET revoked_at = now()
 WHERE t.revoked_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM memberships m
                    WHERE m.agency_id = t.agency_id AND m.user_id = t.created_by AND m.created_at <= t.created_at);

DELETE FROM invitations i
 WHERE i.accepted_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM memberships m
                    WHERE m.agency_id = i.agency_id AND m.user_id = i.invited_by AND m.created_at <= i.created_at);
