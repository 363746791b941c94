-- Every score's explanation says the window it read (days, first and last day): screens name the window of each
-- number from it instead of assuming one. The server renders it from now on; the explanations stored before were all
-- computed over the default window of 90 days up to their as_of (ScoreInput.DEFAULT_WINDOW_DAYS), which is what they
-- get here, so that a stored explanation answers the same shape as a fresh one.
UPDATE score_snapshots
   SET explanation = explanation || jsonb_build_object('window', jsonb_build_object(
           'days', 90, 'from', to_char(as_of - 89, 'YYYY-MM-DD'), 'to', to_char(as_of, 'YYYY-MM-DD')))
 WHERE NOT explanation ? 'window';
