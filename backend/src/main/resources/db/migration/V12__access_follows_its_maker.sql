-- API tokens and invitations act for the person who made them: removing that person revokes their tokens and drops
-- their pending invitations, and every use of a token reads its maker's membership. These indexes keep both to a
-- lookup instead of a scan of the agency's tokens and invitations.
CREATE INDEX api_tokens_by_maker ON api_tokens (agency_id, created_by);
CREATE INDEX invitations_by_issuer ON invitations (agency_id, invited_by) WHERE accepted_at IS NULL;
