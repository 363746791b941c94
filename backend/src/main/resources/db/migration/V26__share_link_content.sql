-- What a client may see. An annotation is internal (the team's notes) unless marked public; existing ones stay
-- internal, so nothing written for the team reaches a client without someone choosing it.
ALTER TABLE annotations ADD COLUMN visibility text NOT NULL DEFAULT 'internal'
    CHECK (visibility IN ('internal', 'public'));

-- A share link chooses what it shows and the period it opens on. Links made before keep what they showed (score,
-- every metric, goals) but only public annotations.
ALTER TABLE share_links
    ADD COLUMN show_score       boolean NOT NULL DEFAULT true,
    -- NULL: every metric of the client's channels; otherwise these catalogue keys only
    ADD COLUMN metrics          text[]  CHECK (cardinality(metrics) <= 100),
    ADD COLUMN show_annotations text    NOT NULL DEFAULT 'public' CHECK (show_annotations IN ('none', 'public', 'all')),
    ADD COLUMN show_goals       boolean NOT NULL DEFAULT true,
    ADD COLUMN default_days     integer NOT NULL DEFAULT 90 CHECK (default_days BETWEEN 1 AND 366);
