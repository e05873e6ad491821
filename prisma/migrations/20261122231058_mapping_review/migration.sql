-- AlterEnum
ALTER TYPE "RowStatus" ADD VALUE 'rejected';

-- AlterTable
ALTER TABLE "ledgers" ADD COLUMN     "country" TEXT,
ADD COLUMN     "llm_calls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "llm_input_tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "llm_output_tokens" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ledger_rows" ADD COLUMN     "pattern" TEXT,
ALTER COLUMN "mapping" SET DATA TYPE JSON,
ALTER COLUMN "result" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "mapping_rules" ADD COLUMN     "naics" TEXT,
ALTER COLUMN "activity" DROP NOT NULL;

-- CreateTable
CREATE TABLE "mapping_decisions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "pattern" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "decision" JSONB NOT NULL,
    "input_tokens" INTEGER NOT NULL,
    "output_tokens" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mapping_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mapping_decisions_tenant_id_pattern_prompt_model_key" ON "mapping_decisions"("tenant_id", "pattern", "prompt", "model");

-- CreateIndex
CREATE INDEX "ledger_rows_tenant_id_status_pattern_idx" ON "ledger_rows"("tenant_id", "status", "pattern");

-- AddForeignKey
ALTER TABLE "mapping_decisions" ADD CONSTRAINT "mapping_decisions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

