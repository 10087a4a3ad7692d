CREATE TABLE "search_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"length" real NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_postings" (
	"workspace_id" uuid NOT NULL,
	"term" text NOT NULL,
	"document_id" uuid NOT NULL,
	"tf" real NOT NULL,
	"impact" real NOT NULL,
	CONSTRAINT "search_postings_document_id_term_pk" PRIMARY KEY("document_id","term")
);
--> statement-breakpoint
CREATE TABLE "search_stats" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"documents" integer DEFAULT 0 NOT NULL,
	"total_length" bigint DEFAULT 0 NOT NULL,
	"impact_average_length" real DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"workspace_id" uuid NOT NULL,
	"term" text NOT NULL,
	"df" integer NOT NULL,
	CONSTRAINT "search_terms_workspace_id_term_pk" PRIMARY KEY("workspace_id","term")
);
--> statement-breakpoint
CREATE TABLE "evidence_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_by_person_id" uuid,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"encoding_note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"rows" jsonb NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"error" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"title" text NOT NULL,
	"title_key" text DEFAULT '' NOT NULL,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"year" integer,
	"publisher" text DEFAULT '' NOT NULL,
	"doi" text,
	"url" text DEFAULT '' NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"policy_implications" text DEFAULT '' NOT NULL,
	"population" text DEFAULT '' NOT NULL,
	"geography" text DEFAULT '' NOT NULL,
	"strength" text,
	"study_design" text DEFAULT '' NOT NULL,
	"sample" text DEFAULT '' NOT NULL,
	"risk_of_bias" text DEFAULT '' NOT NULL,
	"strength_rationale" text DEFAULT '' NOT NULL,
	"sites_count" integer,
	"evaluated" boolean,
	"voices_count" integer,
	"gathering_method" text DEFAULT '' NOT NULL,
	"added_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_topics" (
	"workspace_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "evidence_topics_evidence_id_topic_id_pk" PRIMARY KEY("evidence_id","topic_id")
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_postings" ADD CONSTRAINT "search_postings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_postings" ADD CONSTRAINT "search_postings_document_id_search_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."search_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_stats" ADD CONSTRAINT "search_stats_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_terms" ADD CONSTRAINT "search_terms_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_imports" ADD CONSTRAINT "evidence_imports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_imports" ADD CONSTRAINT "evidence_imports_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_added_by_person_id_people_id_fk" FOREIGN KEY ("added_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_topics" ADD CONSTRAINT "evidence_topics_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_topics" ADD CONSTRAINT "evidence_topics_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_topics" ADD CONSTRAINT "evidence_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "search_documents_source_key" ON "search_documents" USING btree ("workspace_id","kind","source_id");--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_postings_term_impact_idx" ON "search_postings" USING btree ("workspace_id","term","impact" DESC NULLS LAST,"document_id");--> statement-breakpoint
CREATE INDEX "evidence_imports_workspace_idx" ON "evidence_imports" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "evidence_items_workspace_doi_idx" ON "evidence_items" USING btree ("workspace_id","doi");--> statement-breakpoint
CREATE INDEX "evidence_items_workspace_title_key_idx" ON "evidence_items" USING btree ("workspace_id","title_key");--> statement-breakpoint
CREATE INDEX "evidence_items_workspace_year_idx" ON "evidence_items" USING btree ("workspace_id","year");--> statement-breakpoint
CREATE INDEX "evidence_items_workspace_type_idx" ON "evidence_items" USING btree ("workspace_id","source_type");--> statement-breakpoint
CREATE INDEX "evidence_topics_topic_idx" ON "evidence_topics" USING btree ("workspace_id","topic_id");