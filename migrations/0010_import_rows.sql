CREATE TABLE "evidence_import_rows" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" text NOT NULL,
	"row" jsonb NOT NULL,
	CONSTRAINT "evidence_import_rows_import_id_position_pk" PRIMARY KEY("import_id","position")
);
--> statement-breakpoint
ALTER TABLE "evidence_import_rows" ADD CONSTRAINT "evidence_import_rows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_import_rows" ADD CONSTRAINT "evidence_import_rows_import_id_evidence_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."evidence_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_import_rows_status_idx" ON "evidence_import_rows" USING btree ("workspace_id","import_id","status","position");--> statement-breakpoint
-- Previews saved before this change keep their records, one row each.
INSERT INTO "evidence_import_rows" ("workspace_id", "import_id", "position", "status", "row")
SELECT i."workspace_id", i."id", (e."position" - 1)::int, e."preview"->>'status', e."preview"
FROM "evidence_imports" i CROSS JOIN LATERAL jsonb_array_elements(i."rows") WITH ORDINALITY AS e("preview", "position");--> statement-breakpoint
ALTER TABLE "evidence_imports" DROP COLUMN "rows";