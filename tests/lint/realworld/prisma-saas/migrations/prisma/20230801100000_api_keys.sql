-- migrate:expand
-- CreateTable
CREATE TABLE "ApiKey" ( -- expect: avoid-char, prefer-text
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "prefix" CHAR(8) NOT NULL,
    "hash" VARCHAR(128) NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_idx" ON "ApiKey"("workspaceId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- migrate:rollback
DROP TABLE "ApiKey";
