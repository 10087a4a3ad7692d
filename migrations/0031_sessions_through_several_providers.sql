-- A session may have been through several workspaces' single sign-on: someone in two workspaces that
-- both require it signs in through each once, not again each time they switch.
ALTER TABLE "sessions" ADD COLUMN "sso_workspace_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
UPDATE "sessions" SET "sso_workspace_ids" = ARRAY["sso_workspace_id"] WHERE "sso_workspace_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_sso_workspace_id_workspaces_id_fk";--> statement-breakpoint
ALTER TABLE "sessions" DROP COLUMN "sso_workspace_id";
