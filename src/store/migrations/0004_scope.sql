-- Schema version 3: the method's scope. An assessment run scores only the clusters in the
-- scope of its method; those out of it are recorded here, with the scope rule that put each
-- out and the value it read, so that a classification or a report of the run can list them.
-- Invariants the code relies on:
--  * a cluster of a run is in assessment_score or here, never in both;
--  * the reason is not stored as text: it is worded again from the method's rule (checked to be
--    the run's method id and version) in the reader's language.

CREATE TABLE assessment_out_of_scope (
    run_id INTEGER NOT NULL REFERENCES assessment_run (id) ON DELETE CASCADE,
    cluster_key TEXT NOT NULL,
    rule TEXT NOT NULL,               -- id of the method's scope rule that put it out
    result TEXT NOT NULL CHECK (result IN ('not_met', 'unknown')),
    found TEXT,                       -- the value the rule read, NULL when none is recorded
    PRIMARY KEY (run_id, cluster_key)
) WITHOUT ROWID;
