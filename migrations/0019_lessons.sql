CREATE TABLE "lesson_applications" (
	"workspace_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"decided_by_person_id" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_applications_lesson_id_programme_id_pk" PRIMARY KEY("lesson_id","programme_id")
);
--> statement-breakpoint
CREATE TABLE "lesson_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"label" text NOT NULL,
	"excerpt" text DEFAULT '' NOT NULL,
	"path" text NOT NULL,
	"restricted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lesson_topics" (
	"workspace_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "lesson_topics_lesson_id_topic_id_pk" PRIMARY KEY("lesson_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"programme_id" uuid,
	"phase" text,
	"place_kind" text DEFAULT '' NOT NULL,
	"what_happened" text DEFAULT '' NOT NULL,
	"what_worked" text DEFAULT '' NOT NULL,
	"recommendation" text DEFAULT '' NOT NULL,
	"sites_seen" integer,
	"programmes_seen" integer,
	"evaluated" boolean DEFAULT false NOT NULL,
	"owner_person_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_due_on" date,
	"reviewed_by_person_id" uuid,
	"reviewed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by_person_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lessons_counts_positive" CHECK (("lessons"."sites_seen" is null or "lessons"."sites_seen" >= 0) and ("lessons"."programmes_seen" is null or "lessons"."programmes_seen" >= 0))
);
--> statement-breakpoint
ALTER TABLE "lesson_applications" ADD CONSTRAINT "lesson_applications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_applications" ADD CONSTRAINT "lesson_applications_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_applications" ADD CONSTRAINT "lesson_applications_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_applications" ADD CONSTRAINT "lesson_applications_decided_by_person_id_people_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_sources" ADD CONSTRAINT "lesson_sources_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_sources" ADD CONSTRAINT "lesson_sources_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_topics" ADD CONSTRAINT "lesson_topics_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_topics" ADD CONSTRAINT "lesson_topics_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_topics" ADD CONSTRAINT "lesson_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_reviewed_by_person_id_people_id_fk" FOREIGN KEY ("reviewed_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lesson_applications_programme_idx" ON "lesson_applications" USING btree ("workspace_id","programme_id");--> statement-breakpoint
CREATE INDEX "lesson_sources_lesson_idx" ON "lesson_sources" USING btree ("workspace_id","lesson_id");--> statement-breakpoint
CREATE INDEX "lesson_sources_source_idx" ON "lesson_sources" USING btree ("workspace_id","kind","source_id");--> statement-breakpoint
CREATE INDEX "lesson_topics_topic_idx" ON "lesson_topics" USING btree ("workspace_id","topic_id");--> statement-breakpoint
CREATE INDEX "lessons_workspace_status_idx" ON "lessons" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "lessons_programme_idx" ON "lessons" USING btree ("workspace_id","programme_id");