CREATE TABLE "checkpoint_briefings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"headline" text DEFAULT '' NOT NULL,
	"progress" text DEFAULT '' NOT NULL,
	"themes" text DEFAULT '' NOT NULL,
	"risks" text DEFAULT '' NOT NULL,
	"good_practice" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"shared_at" timestamp with time zone,
	"updated_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoint_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"source" text DEFAULT 'form' NOT NULL,
	"returned_reason" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_person_id" uuid,
	"updated_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoint_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"template_id" uuid NOT NULL,
	"status" text DEFAULT 'upcoming' NOT NULL,
	"opened_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoint_return_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"source" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"saved_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_site_contacts" (
	"workspace_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "delivery_site_contacts_site_id_person_id_pk" PRIMARY KEY("site_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "delivery_theme_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"label" text NOT NULL,
	"key_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"members" jsonb NOT NULL,
	"quotes" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"theme_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "delivery_theme_codings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"section_key" text NOT NULL,
	"excerpt" text NOT NULL,
	"origin" text DEFAULT 'analyst' NOT NULL,
	"coded_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_theme_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"round_id" uuid,
	"response" text NOT NULL,
	"responded_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" ADD CONSTRAINT "checkpoint_briefings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" ADD CONSTRAINT "checkpoint_briefings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" ADD CONSTRAINT "checkpoint_briefings_round_id_checkpoint_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."checkpoint_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_briefings" ADD CONSTRAINT "checkpoint_briefings_updated_by_person_id_people_id_fk" FOREIGN KEY ("updated_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_round_id_checkpoint_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."checkpoint_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_site_id_delivery_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."delivery_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_template_id_return_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."return_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_submitted_by_person_id_people_id_fk" FOREIGN KEY ("submitted_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_returns" ADD CONSTRAINT "checkpoint_returns_updated_by_person_id_people_id_fk" FOREIGN KEY ("updated_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" ADD CONSTRAINT "checkpoint_rounds_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" ADD CONSTRAINT "checkpoint_rounds_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_rounds" ADD CONSTRAINT "checkpoint_rounds_template_id_return_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."return_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_sites" ADD CONSTRAINT "delivery_sites_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_sites" ADD CONSTRAINT "delivery_sites_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_sites" ADD CONSTRAINT "delivery_sites_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_themes" ADD CONSTRAINT "delivery_themes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_themes" ADD CONSTRAINT "delivery_themes_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_templates" ADD CONSTRAINT "return_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_templates" ADD CONSTRAINT "return_templates_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" ADD CONSTRAINT "checkpoint_return_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" ADD CONSTRAINT "checkpoint_return_versions_return_id_checkpoint_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."checkpoint_returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_return_versions" ADD CONSTRAINT "checkpoint_return_versions_saved_by_person_id_people_id_fk" FOREIGN KEY ("saved_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" ADD CONSTRAINT "delivery_site_contacts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" ADD CONSTRAINT "delivery_site_contacts_site_id_delivery_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."delivery_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_site_contacts" ADD CONSTRAINT "delivery_site_contacts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" ADD CONSTRAINT "delivery_theme_candidates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" ADD CONSTRAINT "delivery_theme_candidates_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_candidates" ADD CONSTRAINT "delivery_theme_candidates_theme_id_delivery_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."delivery_themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_theme_id_delivery_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."delivery_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_return_id_checkpoint_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."checkpoint_returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_codings" ADD CONSTRAINT "delivery_theme_codings_coded_by_person_id_people_id_fk" FOREIGN KEY ("coded_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_theme_id_delivery_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."delivery_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_round_id_checkpoint_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."checkpoint_rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_theme_responses" ADD CONSTRAINT "delivery_theme_responses_responded_by_person_id_people_id_fk" FOREIGN KEY ("responded_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_briefings_round_key" ON "checkpoint_briefings" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "checkpoint_briefings_workspace_idx" ON "checkpoint_briefings" USING btree ("workspace_id","programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_returns_round_site_key" ON "checkpoint_returns" USING btree ("round_id","site_id");--> statement-breakpoint
CREATE INDEX "checkpoint_returns_programme_idx" ON "checkpoint_returns" USING btree ("workspace_id","programme_id","status");--> statement-breakpoint
CREATE INDEX "checkpoint_returns_site_idx" ON "checkpoint_returns" USING btree ("workspace_id","site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_rounds_programme_number_key" ON "checkpoint_rounds" USING btree ("programme_id","number");--> statement-breakpoint
CREATE INDEX "checkpoint_rounds_workspace_idx" ON "checkpoint_rounds" USING btree ("workspace_id","programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_sites_programme_organisation_key" ON "delivery_sites" USING btree ("programme_id","organisation_id");--> statement-breakpoint
CREATE INDEX "delivery_sites_workspace_idx" ON "delivery_sites" USING btree ("workspace_id","programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_themes_programme_name_key" ON "delivery_themes" USING btree ("programme_id",lower("name"));--> statement-breakpoint
CREATE INDEX "delivery_themes_workspace_idx" ON "delivery_themes" USING btree ("workspace_id","programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_templates_programme_version_key" ON "return_templates" USING btree ("programme_id","version");--> statement-breakpoint
CREATE INDEX "return_templates_workspace_idx" ON "return_templates" USING btree ("workspace_id","programme_id");--> statement-breakpoint
CREATE INDEX "checkpoint_return_versions_return_idx" ON "checkpoint_return_versions" USING btree ("workspace_id","return_id","revision");--> statement-breakpoint
CREATE INDEX "delivery_site_contacts_person_idx" ON "delivery_site_contacts" USING btree ("workspace_id","person_id");--> statement-breakpoint
CREATE INDEX "delivery_theme_candidates_programme_idx" ON "delivery_theme_candidates" USING btree ("workspace_id","programme_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_theme_codings_unit_theme_key" ON "delivery_theme_codings" USING btree ("return_id","section_key","theme_id");--> statement-breakpoint
CREATE INDEX "delivery_theme_codings_programme_idx" ON "delivery_theme_codings" USING btree ("workspace_id","programme_id","theme_id");--> statement-breakpoint
CREATE INDEX "delivery_theme_responses_programme_idx" ON "delivery_theme_responses" USING btree ("workspace_id","programme_id","created_at");