ALTER TABLE "evidence_items" ADD COLUMN "citation_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "translated_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "volume" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "issue" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "pages" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "pmid" text;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "identifiers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "links" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "keywords" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_items_workspace_pmid_idx" ON "evidence_items" USING btree ("workspace_id","pmid");