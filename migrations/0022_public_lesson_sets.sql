CREATE TABLE "public_lesson_sets" (
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"published_by_person_id" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_lesson_sets" ADD CONSTRAINT "public_lesson_sets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_lesson_sets" ADD CONSTRAINT "public_lesson_sets_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_lesson_sets" ADD CONSTRAINT "public_lesson_sets_published_by_person_id_people_id_fk" FOREIGN KEY ("published_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "public_lesson_sets_workspace_slug_key" ON "public_lesson_sets" USING btree ("workspace_id","slug");