CREATE TABLE "delivery_round_automation" (
	"workspace_id" uuid NOT NULL,
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"open_when_period_ends" boolean DEFAULT false NOT NULL,
	"remind_days_before" integer,
	"chase_days_after" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_round_reminders" (
	"workspace_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"people_mailed" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_round_reminders_round_id_kind_pk" PRIMARY KEY("round_id","kind")
);
--> statement-breakpoint
ALTER TABLE "delivery_round_automation" ADD CONSTRAINT "delivery_round_automation_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_round_automation" ADD CONSTRAINT "delivery_round_automation_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_round_reminders" ADD CONSTRAINT "delivery_round_reminders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_round_reminders" ADD CONSTRAINT "delivery_round_reminders_round_id_checkpoint_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."checkpoint_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_round_automation_workspace_idx" ON "delivery_round_automation" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "delivery_round_reminders_workspace_idx" ON "delivery_round_reminders" USING btree ("workspace_id");