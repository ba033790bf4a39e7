-- Schema version 3: the coverage rule of the typology. A cluster is analysed iff at least
-- min_known of its variables are known (its own coverage: adding a known value never leaves a
-- cluster out), and a pair of analysed clusters with no variable known for both gets an imputed
-- distance (the mean of the defined ones).
-- Invariants the code relies on:
--  * min_known NULL is a partition stored before this version: read as 1 (anything known);
--  * imputed_pairs counts the pairs whose distance was imputed (NULL before this version).

ALTER TABLE typology_partition ADD COLUMN min_known INTEGER CHECK (min_known IS NULL OR min_known >= 1);
ALTER TABLE typology_partition ADD COLUMN imputed_pairs INTEGER CHECK (imputed_pairs IS NULL OR imputed_pairs >= 0);
