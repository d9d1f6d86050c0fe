-- migrate:expand
-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_workspaceId_key" ON "Membership"("userId", "workspaceId"); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX "Membership_userId_workspaceId_key"; -- expect: drop-index-not-concurrent
