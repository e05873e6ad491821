-- Import attempts started for a ledger, counted across processes and restarts, so that a file
-- that kills its import each time is failed after a bounded number of tries.
ALTER TABLE "ledgers" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
